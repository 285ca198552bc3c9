/**
 * Simulated tabs consulting the companion: each tab has its own kept-alive
 * connection pool and runs a fixed number of consultations back to back
 * until a deadline, on 127.0.0.1 only. A 429 is honoured the way the
 * extension does (wait Retry-After, then go on). Every answer is judged:
 * HTTP 200 whose hub statuses are the ones the simulated patient must give,
 * 429 (the intended limit), or an error of a named kind.
 */
import http from 'node:http';
import { ConsultResponse } from '../../../lib/companion/contract.ts';
import type { HubId } from '../../../lib/vaccination.ts';

export interface LoadPatient {
  insz: string;
  expectedHubs: Record<HubId, string>;
}

export interface TabsOptions {
  port: number;
  secret: string;
  origin: string;
  patients: readonly LoadPatient[];
  tabs: number;
  /** Consultations in flight per tab. */
  perTab: number;
  /** Connections per tab (default `perTab`; a browser keeps at most 6 per host). */
  socketsPerTab?: number;
  durationMs: number;
  /** A request taking longer is an error (the tabs never hang). */
  requestTimeoutMs: number;
  /** Stop each loop after this many requests (default: only the deadline). */
  requestsPerLoop?: number;
}

export interface TabsResult {
  requests: number;
  ok: number;
  rateLimited: number;
  retryAfterSeconds: number[];
  errors: Record<string, number>;
  /** Latencies of the answered (200) consultations, ms. */
  latencies: number[];
}

type One = { kind: 'ok'; ms: number } | { kind: '429'; retryAfter: number } | { kind: 'error'; what: string };

function consult(agent: http.Agent, o: TabsOptions, patient: LoadPatient): Promise<One> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ insz: patient.insz });
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port: o.port,
        path: '/v1/consult',
        method: 'POST',
        agent,
        timeout: o.requestTimeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'X-Companion-Secret': o.secret,
          Origin: o.origin,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => resolve({ kind: 'error', what: 'response aborted' }));
        res.on('end', () => {
          const ms = performance.now() - started;
          if (res.statusCode === 429) return resolve({ kind: '429', retryAfter: Number(res.headers['retry-after'] ?? NaN) });
          if (res.statusCode !== 200) return resolve({ kind: 'error', what: `HTTP ${res.statusCode}` });
          let parsed: ReturnType<typeof ConsultResponse.safeParse>;
          try {
            parsed = ConsultResponse.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            return resolve({ kind: 'error', what: 'not JSON' });
          }
          if (!parsed.success) return resolve({ kind: 'error', what: 'outside the contract' });
          for (const hub of ['rsw', 'rsb'] as const) {
            const r = parsed.data.hubs[hub];
            const status = r === undefined ? 'missing' : r.status === 'ok' ? 'ok' : r.error.code;
            if (status !== patient.expectedHubs[hub]) return resolve({ kind: 'error', what: `${hub.toUpperCase()} ${status} instead of ${patient.expectedHubs[hub]}` });
          }
          resolve({ kind: 'ok', ms });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'error', what: e.code ?? e.message }));
    req.end(body);
  });
}

export async function runTabs(o: TabsOptions): Promise<TabsResult> {
  const result: TabsResult = { requests: 0, ok: 0, rateLimited: 0, retryAfterSeconds: [], errors: {}, latencies: [] };
  const deadline = Date.now() + o.durationMs;
  let next = 0;
  const agents = Array.from({ length: o.tabs }, () => new http.Agent({ keepAlive: true, maxSockets: o.socketsPerTab ?? o.perTab }));
  const loop = async (agent: http.Agent) => {
    for (let n = 0; n < (o.requestsPerLoop ?? Infinity) && Date.now() < deadline; n++) {
      const patient = o.patients[next++ % o.patients.length]!;
      const one = await consult(agent, o, patient);
      result.requests++;
      if (one.kind === 'ok') {
        result.ok++;
        result.latencies.push(one.ms);
      } else if (one.kind === '429') {
        result.rateLimited++;
        result.retryAfterSeconds.push(one.retryAfter);
        const wait = Number.isFinite(one.retryAfter) ? one.retryAfter * 1_000 : 1_000;
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(wait, deadline - Date.now()))));
      } else {
        result.errors[one.what] = (result.errors[one.what] ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(agents.flatMap((agent) => Array.from({ length: o.perTab }, () => loop(agent))));
  } finally {
    for (const a of agents) a.destroy();
  }
  return result;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
