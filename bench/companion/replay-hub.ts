/**
 * BENCH ONLY: a hub that answers what the simulated hub answered. At start
 * the simulator is consulted once for every bench patient (signed calls, as
 * the hub client makes them) and each SOAP answer is recorded; this HTTPS
 * server then replays the recorded answer for the same operation, patient,
 * page and transaction, after the patient's latency, and checks nothing else
 * (no signature verification). It stands in for the simulator where the
 * simulator's own CPU (two XML signature checks per call) would otherwise be
 * what a load test on two cores measures.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseGetTransactionListResponse } from '../../lib/kmehr/hub-response.ts';
import type { HubId, KmehrId } from '../../lib/vaccination.ts';
import { readPagination } from '../../companion/src/hub/pagination.ts';
import { getTransactionBody, getTransactionListBody, newRequestId, transactionIdToRequest } from '../../companion/src/hub/request.ts';
import { callHub, signedEnvelope } from '../../companion/src/hub/soap-call.ts';
import type { ApplicationParty, PharmacyIdentity } from '../../companion/src/hub/options.ts';
import type { TokenProvider } from '../../companion/src/token-provider.ts';

export type Recording = Map<string, string>;

const PATIENT = /<core:patient><core:id S="INSS"[^>]*>(\d{11})<\/core:id>/;
const PAGE_INDEX = /<core:paginationinfo><core:index>(\d+)<\/core:index>/;
const TRANSACTION_ID = /<core:transaction><core:id S="([^"]+)"(?: SL="([^"]*)")?[^>]*>([^<]+)<\/core:id>/;

function keyOf(operation: string, insz: string, page: number | undefined, id: Pick<KmehrId, 's' | 'sl' | 'value'> | undefined): string {
  return operation === 'GetTransactionList' ? `list|${insz}|${page ?? 0}` : `get|${insz}|${id?.s}|${id?.sl ?? ''}|${id?.value}`;
}

/** The key of a request as the hub client writes it (fast-xml-parser builder output, no formatting). */
export function requestKey(soapAction: string, envelope: string): string | undefined {
  const operation = soapAction.includes('GetTransactionList') ? 'GetTransactionList' : soapAction.includes('GetTransaction') ? 'GetTransaction' : undefined;
  const insz = PATIENT.exec(envelope)?.[1];
  if (!operation || !insz) return undefined;
  if (operation === 'GetTransactionList') {
    const page = PAGE_INDEX.exec(envelope)?.[1];
    return keyOf(operation, insz, page === undefined ? undefined : Number(page), undefined);
  }
  const m = TRANSACTION_ID.exec(envelope);
  return m ? keyOf(operation, insz, undefined, { s: m[1]!, ...(m[2] ? { sl: m[2] } : {}), value: m[3]! }) : undefined;
}

export interface RecordOptions {
  hubs: Record<HubId, { url: string }>;
  caPem: string;
  pharmacy: PharmacyIdentity;
  application: ApplicationParty;
  tokenProvider: TokenProvider;
}

/** Walks each patient's consultation at each hub once and records every answer. */
export async function recordConsultations(patients: readonly string[], options: RecordOptions): Promise<Record<HubId, Recording>> {
  const { token, holderOfKey } = await options.tokenProvider.getToken();
  const out = { rsw: new Map(), rsb: new Map() } as Record<HubId, Recording>;
  const header = () => {
    const now = new Date();
    return { requestId: newRequestId(options.pharmacy.pharmacyNumber, now), now };
  };
  for (const hub of ['rsw', 'rsb'] as const) {
    const target = { url: new URL(options.hubs[hub].url), caPem: options.caPem, agent: new https.Agent({ keepAlive: true, maxSockets: 6 }), maxResponseBytes: 4_000_000 };
    const call = async (operation: 'GetTransactionList' | 'GetTransaction', body: Parameters<typeof signedEnvelope>[0]) => {
      const answer = await callHub(target, operation, signedEnvelope(body, token, holderOfKey, new Date()), new AbortController().signal);
      if (!answer.ok || answer.status !== 200) throw new Error(`recording ${hub} ${operation}: ${answer.ok ? `HTTP ${answer.status}` : answer.error.message}`);
      return answer.body;
    };
    for (const insz of patients) {
      const ids: KmehrId[] = [];
      let page: { index: number } | undefined;
      for (;;) {
        const answer = await call('GetTransactionList', getTransactionListBody(header(), options.pharmacy, options.application, insz, page));
        out[hub].set(keyOf('GetTransactionList', insz, page?.index, undefined), answer);
        const parsed = parseGetTransactionListResponse(answer, { hub });
        if (!parsed.ok) throw new Error(`recording ${hub}: list unreadable: ${parsed.error.reason}`);
        for (const t of parsed.value.transactions) ids.push(transactionIdToRequest(t.ids)!);
        const pagination = readPagination(answer, 4_000_000);
        if (!pagination || ids.length >= pagination.totalRecordCount || parsed.value.transactions.length === 0) break;
        page = { index: ids.length };
      }
      for (const id of ids) {
        out[hub].set(keyOf('GetTransaction', insz, undefined, id), await call('GetTransaction', getTransactionBody(header(), options.pharmacy, options.application, insz, id)));
      }
    }
    target.agent.destroy();
  }
  return out;
}

export interface ReplayHub {
  url: string;
  close(): Promise<void>;
}

export async function startReplayHub(options: {
  recording: Recording;
  tls: { key: string; cert: string };
  path: string;
  latencyMs: (insz: string) => number;
}): Promise<ReplayHub> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const envelope = Buffer.concat(chunks).toString('utf8');
      const action = String(req.headers['soapaction'] ?? '');
      const key = requestKey(action, envelope);
      const answer = key === undefined ? undefined : options.recording.get(key);
      const insz = key?.split('|')[1] ?? '';
      const reply = () => {
        if (answer === undefined) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`no recorded answer for ${key ?? 'this request'}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(answer);
      };
      const latency = options.latencyMs(insz);
      if (latency > 0) setTimeout(reply, latency);
      else reply();
    });
  };
  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}${options.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
