/**
 * Found by the load test: past 64 open connections the companion reset every
 * new connection (Node's `server.maxConnections`), which the extension reads
 * as "companion not running". Every request must get an HTTP answer: served,
 * or 429 with Retry-After (the extension waits and retries once).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay, startTestServer, TEST_SECRET, type TestServer } from '../../../companion/test/server/helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Each consultation holds its connection for a while, as a slow hub would.
  server.upstream.behaviour = async ({ hubs, signal }) => {
    await delay(600, signal);
    return Object.fromEntries(hubs.map((h) => [h, { status: 'ok', transactions: [], durationMs: 600 }]));
  };
});

afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  retryAfter?: string;
  error?: string;
}

function consult(agent: http.Agent): Promise<Answer> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ insz: '85073003328' });
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/v1/consult',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers['retry-after'] !== undefined && { retryAfter: String(res.headers['retry-after']) }) }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message }));
    req.end(body);
  });
}

describe('more connections at once than the companion serves', () => {
  it('200 connections at once: each one gets an answer (200, or 429 with Retry-After), none is reset', async () => {
    const agent = new http.Agent({ keepAlive: false, maxSockets: 500 });
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, () => consult(agent)));
      const reset = answers.filter((a) => a.status === 0);
      expect(reset.map((a) => a.error).slice(0, 3)).toEqual([]);
      expect(answers.every((a) => a.status === 200 || (a.status === 429 && Number(a.retryAfter) >= 1))).toBe(true);
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(60);
      // And the companion serves normally once the crowd is gone.
      expect((await consult(agent)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
