/**
 * Test kit for the local API: a fake upstream that records what it was asked,
 * a server on 127.0.0.1:0, and a raw `node:http` client so each test sets
 * Host, Origin and the other headers exactly.
 */
import http from 'node:http';
import type { HubResult } from '../../../lib/companion/contract.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { ConsultUpstream } from '../../src/upstream.ts';
import { createCompanionServer, type CompanionServerOptions } from '../../src/server/create-server.ts';
import { createJsonLogger } from '../../src/server/log.ts';
import type { CompanionServerSettings } from '../../src/server/settings.ts';

export const TEST_SECRET = 'dGVzdC1zZWNyZXQtdGhhdC1pcy1sb25nLWVub3VnaC0yNTYtYml0cw';
export const CHROME_ORIGIN = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
export const FIREFOX_ORIGIN = 'moz-extension://0b7e4a1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b';
/** Valid INSZ numbers (checksums pass). */
export const VALID_INSZ = ['85073003328', '17073003384', '98472899765', '01490700185', '80010112379'] as const;

export interface ConsultCall {
  insz: string;
  hubs: readonly HubId[];
  signal: AbortSignal;
}

export type ConsultBehaviour = (call: ConsultCall) => Promise<Partial<Record<HubId, HubResult>>>;

export const okTransactions = (hubs: readonly HubId[]): Partial<Record<HubId, HubResult>> =>
  Object.fromEntries(
    hubs.map((h) => [h, { status: 'ok', transactions: [{ id: `${h}-1`, kmehr: '<kmehrmessage/>' }], durationMs: 12 }]),
  );

export class FakeUpstream implements ConsultUpstream {
  readonly calls: ConsultCall[] = [];
  probes = 0;
  behaviour: ConsultBehaviour = async ({ hubs }) => okTransactions(hubs);
  probeBehaviour: ConsultUpstream['probe'] = async () => ({ rsw: { reachable: true, latencyMs: 5 }, rsb: { reachable: false } });

  consult(insz: string, hubs: readonly HubId[], signal: AbortSignal) {
    const call = { insz, hubs, signal };
    this.calls.push(call);
    return this.behaviour(call);
  }

  probe(signal: AbortSignal) {
    this.probes += 1;
    return this.probeBehaviour(signal);
  }
}

/** Waits `ms`, or rejects as soon as `signal` aborts (an upstream that honours abort). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}

export const TEST_SETTINGS: CompanionServerSettings = {
  mode: 'simulator',
  originPolicy: { kind: 'list', origins: [CHROME_ORIGIN, FIREFOX_ORIGIN] },
  requestTimeoutMs: 5_000,
  probeTimeoutMs: 1_000,
  rateLimit: { burst: 10_000, perMinute: 600_000 },
  maxBodyBytes: 1_024,
  maxResponseBytes: 1_000_000,
};

export interface TestServer {
  port: number;
  upstream: FakeUpstream;
  /** Every log line written so far, parsed. */
  logLines: () => Record<string, unknown>[];
  logText: () => string;
  close: () => Promise<void>;
}

export async function startTestServer(
  overrides: Partial<CompanionServerSettings> = {},
  extra: Partial<Omit<CompanionServerOptions, 'config' | 'upstream' | 'logger'>> = {},
): Promise<TestServer> {
  const upstream = new FakeUpstream();
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (l) => lines.push(l), patientRefKey: Buffer.alloc(32, 7) });
  const server = createCompanionServer({
    config: { ...TEST_SETTINGS, ...overrides },
    upstream,
    secret: TEST_SECRET,
    version: '0.0.0-test',
    logger,
    ...extra,
  });
  const { port } = await server.listen(0);
  return {
    port,
    upstream,
    logLines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    logText: () => lines.join(''),
    close: () => server.close(),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => any;
}

export interface RawRequest {
  port: number;
  method?: string;
  path?: string;
  /** Default `127.0.0.1:<port>`; `null` sends no Host header at all. */
  host?: string | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body in chunks without a Content-Length (chunked encoding). */
  chunked?: boolean;
}

/** Every response seen by any test, for the "no CORS header anywhere" check. */
export const seenResponses: RawResponse[] = [];

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.host !== null) headers.Host = r.host ?? `127.0.0.1:${r.port}`;
    if (r.body !== undefined && !r.chunked) headers['Content-Length'] = String(Buffer.byteLength(r.body));
    const req = http.request({
      host: '127.0.0.1',
      port: r.port,
      method: r.method ?? 'GET',
      path: r.path ?? '/v1/health',
      headers,
      setHost: false,
      agent: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const out: RawResponse = { status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) };
        seenResponses.push(out);
        resolve(out);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

export function consultRequest(port: number, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest({
    port,
    method: 'POST',
    path: '/v1/consult',
    headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
