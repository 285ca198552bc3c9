// @vitest-environment node
/**
 * The companion client against a real HTTP server on 127.0.0.1 (ephemeral
 * port): request shape, answer validation, and every failure's BadgeReason.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BADGE_REASON_BY_HUB_ERROR,
  consult,
  health,
  parseRetryAfter,
} from '../../../lib/companion/client.ts';
import { HubErrorCode, type ConsultResponse } from '../../../lib/companion/contract.ts';

const SECRET = 'pairing-secret-'.padEnd(43, 'x');
const INSZ = '85073003328';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

interface TestServer {
  url: string;
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function serve(handler: Handler): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s: TestServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const OK: ConsultResponse = {
  hubs: {
    rsw: { status: 'ok', transactions: [{ id: 't1', kmehr: '<kmehrmessage/>' }], durationMs: 12 },
    rsb: { status: 'error', error: { code: 'no-consent', message: 'no consent' }, durationMs: 3 },
  },
};

describe('consult', () => {
  it('POSTs the INSZ as JSON with the secret header and returns the validated answer', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, OK));
    const outcome = await consult(INSZ, { baseUrl: s.url, secret: SECRET });
    expect(outcome).toEqual({ ok: true, response: OK });
    expect(s.requests).toHaveLength(1);
    const [r] = s.requests;
    expect(r).toMatchObject({ method: 'POST', path: '/v1/consult' });
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers['x-companion-secret']).toBe(SECRET);
    expect(JSON.parse(r!.body)).toEqual({ insz: INSZ });
  });

  it('sends nothing for an invalid INSZ', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, OK));
    for (const bad of ['85073003329', '8507300332', '85.07.30-033.28', '']) {
      expect(await consult(bad, { baseUrl: s.url, secret: SECRET })).toEqual({ ok: false, reason: 'invalid-insz' });
    }
    expect(s.requests).toHaveLength(0);
  });

  it('companion-down when nothing listens', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    await s.close();
    servers.length = 0;
    expect(await consult(INSZ, { baseUrl: url, secret: SECRET })).toEqual({ ok: false, reason: 'companion-down' });
  });

  it.each([
    [401, 'not-paired'],
    [403, 'not-paired'],
    [504, 'timeout'],
    [500, 'hub-error'],
    [400, 'hub-error'],
    [413, 'hub-error'],
  ] as const)('HTTP %i → %s', async (status, reason) => {
    const s = await serve((_req, _body, res) =>
      json(res, status, { error: { code: 'internal', message: 'x' } }),
    );
    expect(await consult(INSZ, { baseUrl: s.url, secret: SECRET })).toEqual({ ok: false, reason, httpStatus: status });
  });

  it('timeout when the companion does not answer in time', async () => {
    const s = await serve(() => undefined); // never answers
    const started = Date.now();
    expect(await consult(INSZ, { baseUrl: s.url, secret: SECRET, timeoutMs: 150 })).toEqual({
      ok: false,
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('timeout when the body stalls after the headers', async () => {
    const s = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"hubs":');
    });
    expect(await consult(INSZ, { baseUrl: s.url, secret: SECRET, timeoutMs: 150 })).toEqual({
      ok: false,
      reason: 'timeout',
    });
  });

  it("rejects with the caller's abort, distinct from a timeout", async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    const pending = consult(INSZ, { baseUrl: s.url, secret: SECRET, signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hub-error for a body that is not JSON or not the contract', async () => {
    const notJson = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>');
    });
    expect(await consult(INSZ, { baseUrl: notJson.url, secret: SECRET })).toEqual({
      ok: false,
      reason: 'hub-error',
      httpStatus: 200,
    });
    const wrong = await serve((_req, _body, res) => json(res, 200, { hubs: { rsw: { status: 'maybe' } } }));
    expect(await consult(INSZ, { baseUrl: wrong.url, secret: SECRET })).toEqual({
      ok: false,
      reason: 'hub-error',
      httpStatus: 200,
    });
  });

  it('retries a 429 once after Retry-After, then succeeds', async () => {
    let n = 0;
    const s = await serve((_req, _body, res) => {
      n++;
      if (n === 1) json(res, 429, { error: { code: 'rate-limited', message: 'slow down' } }, { 'retry-after': '2' });
      else json(res, 200, OK);
    });
    const waits: number[] = [];
    const outcome = await consult(INSZ, {
      baseUrl: s.url,
      secret: SECRET,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(outcome).toEqual({ ok: true, response: OK });
    expect(waits).toEqual([2000]);
    expect(s.requests).toHaveLength(2);
  });

  it('a second 429 is a hub-error; no third try', async () => {
    const s = await serve((_req, _body, res) => json(res, 429, {}, { 'retry-after': '0' }));
    const outcome = await consult(INSZ, { baseUrl: s.url, secret: SECRET, sleep: async () => undefined });
    expect(outcome).toEqual({ ok: false, reason: 'hub-error', httpStatus: 429 });
    expect(s.requests).toHaveLength(2);
  });

  it('does not wait longer than the bound: a long Retry-After is a hub-error at once', async () => {
    const s = await serve((_req, _body, res) => json(res, 429, {}, { 'retry-after': '120' }));
    const waits: number[] = [];
    const outcome = await consult(INSZ, { baseUrl: s.url, secret: SECRET, sleep: async (ms) => void waits.push(ms) });
    expect(outcome).toEqual({ ok: false, reason: 'hub-error', httpStatus: 429 });
    expect(waits).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it('waits for real (default sleep) and the wait can be abandoned', async () => {
    const s = await serve((_req, _body, res) => json(res, 429, {}, { 'retry-after': '1' }));
    const controller = new AbortController();
    const pending = consult(INSZ, { baseUrl: s.url, secret: SECRET, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.requests).toHaveLength(1);
  });

  it('never follows a redirect (the secret would go along)', async () => {
    const elsewhere = await serve((_req, _body, res) => json(res, 200, OK));
    const s = await serve((_req, _body, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/v1/consult` });
      res.end();
    });
    const outcome = await consult(INSZ, { baseUrl: s.url, secret: SECRET });
    expect(outcome.ok).toBe(false);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('hub error → badge reason', () => {
  it('maps every hub error code', () => {
    expect(Object.keys(BADGE_REASON_BY_HUB_ERROR).sort()).toEqual([...HubErrorCode.options].sort());
    expect(BADGE_REASON_BY_HUB_ERROR).toEqual({
      'no-consent': 'no-consent',
      'no-relation': 'no-relation',
      excluded: 'excluded',
      'patient-unknown': 'patient-unknown',
      timeout: 'timeout',
      unreachable: 'hub-error',
      'auth-failed': 'hub-error',
      'malformed-response': 'hub-error',
      'hub-error': 'hub-error',
      'not-supported': 'hub-error',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:00:04 GMT', now)).toBe(4000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('health', () => {
  const FULL = {
    name: 'vaccicard-companion',
    version: '1.4.0',
    mode: 'simulator',
    pairingFingerprint: 'abcd-ef01',
    certificates: [{ subject: 'CN=Pharmacy', notAfter: '2027-05-01', daysToExpiry: 160 }],
    upstreams: { rsw: { reachable: true, latencyMs: 40 }, rsb: { reachable: true } },
  };

  it('GETs /v1/health with the secret and returns the full report', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, FULL));
    expect(await health({ baseUrl: s.url, secret: SECRET })).toEqual({ ok: true, health: FULL });
    expect(s.requests[0]).toMatchObject({ method: 'GET', path: '/v1/health' });
    expect(s.requests[0]!.headers['x-companion-secret']).toBe(SECRET);
  });

  it('not-paired on 401, with the version from an anonymous summary', async () => {
    const s = await serve((req, _body, res) => {
      if (req.headers['x-companion-secret']) json(res, 401, { error: { code: 'unauthorized', message: 'no' } });
      else json(res, 200, { name: 'vaccicard-companion', version: '1.4.0' });
    });
    expect(await health({ baseUrl: s.url, secret: 'wrong'.padEnd(43, 'y') })).toEqual({
      ok: false,
      problem: 'not-paired',
      summary: { name: 'vaccicard-companion', version: '1.4.0' },
    });
    expect(s.requests).toHaveLength(2);
    expect(s.requests[1]!.headers['x-companion-secret']).toBeUndefined();
  });

  it('without a secret asks only the summary', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, { name: 'vaccicard-companion', version: '2.0.0' }));
    expect(await health({ baseUrl: s.url })).toEqual({
      ok: false,
      problem: 'not-paired',
      summary: { name: 'vaccicard-companion', version: '2.0.0' },
    });
  });

  it('not-a-companion for anything else answering there', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, { hello: 'world' }));
    expect(await health({ baseUrl: s.url, secret: SECRET })).toEqual({ ok: false, problem: 'not-a-companion' });
    const t = await serve((_req, _body, res) => json(res, 404, {}));
    expect(await health({ baseUrl: t.url, secret: SECRET })).toEqual({ ok: false, problem: 'not-a-companion' });
  });

  it('companion-down and timeout', async () => {
    const silent = await serve(() => undefined);
    expect(await health({ baseUrl: silent.url, secret: SECRET, timeoutMs: 100 })).toEqual({
      ok: false,
      problem: 'timeout',
    });
    const gone = await serve(() => undefined);
    const url = gone.url;
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    expect(await health({ baseUrl: url, secret: SECRET })).toEqual({ ok: false, problem: 'companion-down' });
  });
});
