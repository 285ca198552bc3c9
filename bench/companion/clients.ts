/**
 * The three ways the bench consults the bench patients:
 * - through the companion: `POST /v1/consult` on its local API (keep-alive);
 * - the hub client in this process (createHubUpstream), without the local API;
 * - the floor: the same SOAP calls, signed in advance, sent straight to the
 *   simulated hubs over HTTPS and read as text (nothing built, signed or
 *   parsed while timed).
 * All three speak for the simulated pharmacy with tokens from the simulated STS.
 */
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import type { ConsultResponse } from '../../lib/companion/contract.ts';
import { parseGetTransactionListResponse } from '../../lib/kmehr/hub-response.ts';
import type { HubId, KmehrId } from '../../lib/vaccination.ts';
import { loadStsCredentials } from '../../companion/src/ehealth/keystore-file.ts';
import { builtInPharmacyProfile } from '../../companion/src/ehealth/sts-profile.ts';
import { createStsTokenProvider } from '../../companion/src/ehealth/sts-token-provider.ts';
import { mapBounded } from '../../companion/src/hub/concurrency.ts';
import { DEFAULTS as HUB_DEFAULTS, type ApplicationParty, type PharmacyIdentity } from '../../companion/src/hub/options.ts';
import { readPagination } from '../../companion/src/hub/pagination.ts';
import { getTransactionBody, getTransactionListBody, newRequestId, transactionIdToRequest } from '../../companion/src/hub/request.ts';
import { callHub, signedEnvelope } from '../../companion/src/hub/soap-call.ts';
import { createHubUpstream, type HubUpstream } from '../../companion/src/hub/upstream.ts';
import type { TokenProvider } from '../../companion/src/token-provider.ts';
import { DEMO_IDENTITY } from '../../companion/src/config/demo.ts';
import type { HubUrls, RemoteServices } from './remote-protocol.ts';

export const HUBS: readonly HubId[] = ["rsw", "rsb"];
/** The hub client's default bound on GetTransaction calls in flight per hub. */
export const HUB_DEFAULTS_MAX_CONCURRENCY = HUB_DEFAULTS.maxConcurrency;
const MAX_RESPONSE_BYTES = HUB_DEFAULTS.maxResponseBytes;

export function pharmacyOf(remote: RemoteServices): PharmacyIdentity {
  const p = remote.pharmacy;
  return {
    pharmacyNumber: p.pharmacyNumber,
    pharmacyName: p.pharmacyName,
    pharmacist: { riziv: p.pharmacistRiziv, inss: p.pharmacistSsin },
  };
}

export const BENCH_APPLICATION: ApplicationParty = { softwareId: DEMO_IDENTITY.softwareId, name: 'vaccicard-companion', version: 'bench' };

/** The companion's configuration file for the bench: real-hub mode against the simulated services. */
export function companionConfig(remote: RemoteServices, hubs: HubUrls, rateLimit: { burst: number; perMinute: number }): Record<string, unknown> {
  const p = remote.pharmacy;
  return {
    keystores: remote.keystores,
    sts: { environment: 'acceptance', endpoints: { acceptance: remote.stsUrl }, trustAnchorFile: remote.trustAnchorFile, caFile: remote.stsCaFile },
    pharmacy: { pharmacyNumber: p.pharmacyNumber, name: p.pharmacyName, region: 'wallonia', pharmacist: { riziv: p.pharmacistRiziv, inss: p.pharmacistSsin } },
    hubs: {
      rsw: { environment: 'acceptance', endpoints: { acceptance: hubs.rsw }, caFile: remote.hubCaFile },
      rsb: { environment: 'acceptance', endpoints: { acceptance: hubs.rsb }, caFile: remote.hubCaFile },
    },
    softwareId: DEMO_IDENTITY.softwareId,
    rateLimit,
  };
}

export async function benchTokenProvider(remote: RemoteServices): Promise<TokenProvider> {
  const p = remote.pharmacy;
  const [stsCa, anchor] = await Promise.all([readFile(remote.stsCaFile, 'utf8'), readFile(remote.trustAnchorFile, 'utf8')]);
  return createStsTokenProvider({
    loadCredentials: () => loadStsCredentials(remote.keystores, {}),
    client: {
      endpoint: new URL(remote.stsUrl),
      caPem: stsCa,
      trustAnchors: [anchor],
      profile: builtInPharmacyProfile(),
      values: { pharmacistSsin: p.pharmacistSsin, titularSsin: p.pharmacistSsin, pharmacyNumber: p.pharmacyNumber, pharmacistRiziv: p.pharmacistRiziv },
      lifetimeMs: 12 * 3_600_000,
    },
  });
}

/** The hub client in this process, configured as the companion configures it. */
export async function inProcessHubClient(remote: RemoteServices, hubs: HubUrls, tokenProvider: TokenProvider): Promise<HubUpstream> {
  const ca = await readFile(remote.hubCaFile, 'utf8');
  return createHubUpstream({
    endpoints: { rsw: { url: hubs.rsw, caPem: ca }, rsb: { url: hubs.rsb, caPem: ca } },
    pharmacy: pharmacyOf(remote),
    application: BENCH_APPLICATION,
    tokenProvider,
  });
}

/** Counts what a consultation answered, to check every way got the whole answer. */
export function transactionCounts(response: ConsultResponse): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const hub of HUBS) {
    const r = response.hubs[hub];
    out[hub] = r === undefined ? 'absent' : r.status === 'ok' ? r.transactions.length : r.error.code;
  }
  return out;
}

// ------------------------------------------------------------------ the companion's local API

export interface CompanionClient {
  /** One consultation; resolves with the answer once its body is complete (parsing is not timed by callers). */
  consult(insz: string): Promise<{ status: number; body: string }>;
  close(): void;
}

export function companionClient(url: string, secret: string, maxSockets: number): CompanionClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL('/v1/consult', url);
  return {
    consult: (insz) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify({ insz });
        const req = http.request(target, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'x-companion-secret': secret, 'content-length': Buffer.byteLength(body) },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

// ------------------------------------------------------------------ the floor

interface HubPlan {
  hub: HubId;
  url: URL;
  agent: https.Agent;
  /** GetTransactionList envelopes, one per page, in order. */
  pages: string[];
  /** GetTransaction envelopes, one per listed vaccination transaction. */
  transactions: string[];
}

export interface FloorPlan {
  /** The patient's consultation made with the pre-signed envelopes; resolves with the number of GetTransaction answers. */
  consult(): Promise<number>;
  /** Transactions listed per hub. */
  listed: Record<string, number>;
  /** List pages per hub. */
  pages: Record<string, number>;
}

export interface FloorOptions {
  /** GetTransaction calls in flight per hub and consultation ('all': every listed transaction at once). */
  concurrency: number | 'all';
  /** Sockets per hub, shared by every consultation (the hub client uses its maxConcurrency, 6). */
  maxSockets: number;
}

async function okCall(url: URL, agent: https.Agent, ca: string, operation: 'GetTransactionList' | 'GetTransaction', envelope: string): Promise<string> {
  const call = await callHub({ url, caPem: ca, agent, maxResponseBytes: MAX_RESPONSE_BYTES }, operation, envelope, new AbortController().signal);
  if (!call.ok) throw new Error(`floor: ${operation} failed: ${call.error.message}`);
  if (call.status !== 200) throw new Error(`floor: ${operation} answered HTTP ${call.status}`);
  return call.body;
}

/**
 * Signs every envelope of one patient's consultation in advance (the list is
 * walked once, untimed, to learn the transaction ids and pages). Envelopes
 * carry a 60-second Timestamp: plan again for each batch of measurements.
 */
export async function planFloor(
  remote: RemoteServices,
  hubs: HubUrls,
  tokenProvider: TokenProvider,
  insz: string,
  options: FloorOptions,
): Promise<FloorPlan & { close(): void }> {
  const ca = await readFile(remote.hubCaFile, 'utf8');
  const { token, holderOfKey } = await tokenProvider.getToken();
  const pharmacy = pharmacyOf(remote);
  const sign = (body: Parameters<typeof signedEnvelope>[0]) => signedEnvelope(body, token, holderOfKey, new Date());
  const header = () => {
    const now = new Date();
    return { requestId: newRequestId(pharmacy.pharmacyNumber, now), now };
  };
  const plans: HubPlan[] = [];
  for (const hub of HUBS) {
    const url = new URL(hubs[hub]);
    const agent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    const pages: string[] = [];
    const ids: KmehrId[] = [];
    let page: { index: number } | undefined;
    for (;;) {
      const envelope = sign(getTransactionListBody(header(), pharmacy, BENCH_APPLICATION, insz, page));
      pages.push(envelope);
      const answer = await okCall(url, agent, ca, 'GetTransactionList', envelope);
      const parsed = parseGetTransactionListResponse(answer, { hub });
      if (!parsed.ok) throw new Error(`floor: list unreadable: ${parsed.error.reason}`);
      for (const t of parsed.value.transactions) ids.push(transactionIdToRequest(t.ids)!);
      const pagination = readPagination(answer, MAX_RESPONSE_BYTES);
      if (!pagination || ids.length >= pagination.totalRecordCount || parsed.value.transactions.length === 0) break;
      page = { index: ids.length };
    }
    const transactions = ids.map((id) => sign(getTransactionBody(header(), pharmacy, BENCH_APPLICATION, insz, id)));
    plans.push({ hub, url, agent, pages, transactions });
  }
  return {
    listed: Object.fromEntries(plans.map((p) => [p.hub, p.transactions.length])),
    pages: Object.fromEntries(plans.map((p) => [p.hub, p.pages.length])),
    consult: async () => {
      const counts = await Promise.all(
        plans.map(async (p) => {
          for (const envelope of p.pages) await okCall(p.url, p.agent, ca, 'GetTransactionList', envelope);
          const limit = options.concurrency === 'all' ? Math.max(1, p.transactions.length) : options.concurrency;
          const done = await mapBounded(p.transactions, limit, new AbortController().signal, async (envelope) => {
            await okCall(p.url, p.agent, ca, 'GetTransaction', envelope);
            return { ok: true as const, value: 1 };
          });
          return done.ok ? done.value.length : 0;
        }),
      );
      return counts.reduce((a, b) => a + b, 0);
    },
    close: () => {
      for (const p of plans) p.agent.destroy();
    },
  };
}
