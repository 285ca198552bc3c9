/**
 * One simulated hub (RSW or RSB): an HTTPS server answering the intrahub v3
 * SOAP operations the hub client sends, after the security checks a hub
 * makes (hub-security.ts) and an author check against the token. Patients
 * and their behaviours come from a PatientSet.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLSerializer } from '@xmldom/xmldom';
import type { HubId } from '../../../lib/vaccination.ts';
import { parseXmlDocument } from '../wss/dom.ts';
import { findSecurityHeader } from '../wss/security-header.ts';
import { soapActionOf, type HubOperation } from '../hub/constants.ts';
import { checkHubSecurity } from './hub-security.ts';
import { readHubRequest, type HubRequest } from './hub-request.ts';
import {
  acknowledgeErrorFor,
  getTransactionListResponse,
  getTransactionResponse,
  noDataError,
  soapFault,
  type AcknowledgeErrorSpec,
} from './hub-responses.ts';
import { hubView, type PatientSet, type SimulatedTransaction } from './patients.ts';
import { answerRegistrationCall, readRegistrationHubRequest, type HubRegistrationDeps } from './registration/hub-registration.ts';
import { storedTransactions } from './registration/stored-transactions.ts';

/** What the hub received, for tests (e.g. XSD validation of every request). */
export interface ReceivedRequest {
  hub: HubId;
  operation?: HubOperation;
  soapAction?: string;
  /** The Body's request element, serialised on its own (namespaces declared). */
  payloadXml?: string;
  /** The whole envelope as received. */
  envelopeXml: string;
  /** HTTP status answered (undefined while a `timeout` patient holds the call). */
  status?: number;
  /** Why the call was refused, when it was. */
  refusal?: string;
}

export interface SimulatedHubOptions {
  hub: HubId;
  patients: PatientSet;
  iamCertificates: readonly string[];
  tls: { key: string; cert: string };
  host?: string;
  /** Added to every answer. */
  latencyMs?: number;
  /** Page size of GetTransactionList; 0 = one page. */
  pageSize?: number;
  onRequest?: (request: ReceivedRequest) => void;
  now?: () => Date;
  /** PutTransaction / RevokeTransaction; their registrations are listed with the patient's records. Absent: refused as unsupported. */
  registrations?: Omit<HubRegistrationDeps, 'hub' | 'patients' | 'now'>;
}

export interface SimulatedHub {
  url: string;
  close(): Promise<void>;
}

export const HUB_SERVICE_PATH = '/hubservices/intrahub/v3';
const MAX_REQUEST_BYTES = 1_000_000;

const serializer = new XMLSerializer();

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function readBody(req: IncomingMessage): Promise<{ ok: true; text: string } | { ok: false; status: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        done = true;
        resolve({ ok: false, status: 413 });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        resolve({ ok: false, status: 400 });
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve({ ok: false, status: 400 });
      }
    });
  });
}

function send(res: ServerResponse, status: number, xml: string, record: ReceivedRequest | undefined): void {
  if (record) record.status = status;
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
  res.end(xml);
}

export async function startSimulatedHub(options: SimulatedHubOptions): Promise<SimulatedHub> {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 0;
  const open = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const url = new URL(req.url ?? '/', 'https://hub.invalid');
    if (url.pathname !== HUB_SERVICE_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`simulated ${options.hub.toUpperCase()} hub: POST SOAP 1.1 here`);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const body = await readBody(req);
    if (!body.ok) {
      send(res, body.status, soapFault({ ns: 'soapenv', local: 'Client' }, 'the request is too large or not UTF-8'), undefined);
      return;
    }
    const record: ReceivedRequest = { hub: options.hub, envelopeXml: body.text };
    const soapAction = req.headers['soapaction'];
    if (typeof soapAction === 'string') record.soapAction = soapAction;
    options.onRequest?.(record);
    const refuse = (status: number, fault: Parameters<typeof soapFault>[0], message: string) => {
      record.refusal = `${fault.ns}:${fault.local}: ${message}`;
      send(res, status, soapFault(fault, message), record);
    };

    if (!/^text\/xml\b/i.test(req.headers['content-type'] ?? '')) return refuse(415, { ns: 'soapenv', local: 'Client' }, 'SOAP 1.1 requests are text/xml');
    const parsed = parseXmlDocument(body.text);
    if (!parsed.ok) return refuse(500, { ns: 'soapenv', local: 'Client' }, `malformed request: ${parsed.message}`);
    const header = findSecurityHeader(parsed.document);
    if (!header.ok && header.problem !== 'no-security-header') return refuse(500, { ns: 'soapenv', local: 'Client' }, header.message);
    const registrationCall = header.ok && options.registrations ? readRegistrationHubRequest(header.body) : undefined;
    const read = header.ok && !registrationCall ? readHubRequest(header.body) : undefined;
    if (read?.ok) {
      record.operation = read.request.operation;
      record.payloadXml = serializer.serializeToString(read.request.payload);
    }
    if (registrationCall?.ok) {
      record.operation = registrationCall.request.operation;
      record.payloadXml = serializer.serializeToString(registrationCall.request.payload);
    }

    const security = checkHubSecurity(body.text, parsed.document, { iamCertificates: options.iamCertificates, now: now() });
    if (!security.ok) return refuse(500, { ns: 'wsse', local: security.fault }, security.message);
    if (registrationCall && options.registrations) {
      if (!registrationCall.ok) return refuse(500, { ns: 'soapenv', local: 'Client' }, registrationCall.message);
      const call = registrationCall.request;
      const action = (typeof soapAction === 'string' ? soapAction : '').replace(/^"|"$/g, '');
      if (action !== soapActionOf(call.operation)) return refuse(500, { ns: 'soapenv', local: 'Client' }, 'SOAPAction does not match the operation');
      if (!call.author.pharmacyNumbers.includes(security.caller.pharmacyNumber)) {
        return refuse(500, { ns: 'soapenv', local: 'Client' }, 'the request author has no orgpharmacy matching the token');
      }
      if (!call.author.pharmacistInss.includes(security.caller.pharmacistSsin)) {
        return refuse(500, { ns: 'soapenv', local: 'Client' }, 'the request author has no perspharmacist matching the token');
      }
      await sleep(options.latencyMs ?? 0, gone.signal);
      const answer = await answerRegistrationCall(
        call,
        { envelopeXml: body.text, callerPharmacy: security.caller.pharmacyNumber },
        { ...options.registrations, hub: options.hub, patients: options.patients, now },
      );
      if (answer === 'hold') {
        open.add(res);
        res.on('close', () => open.delete(res));
        return;
      }
      send(res, answer.status, answer.xml, record);
      return;
    }
    if (!read) return refuse(500, { ns: 'soapenv', local: 'Client' }, 'no Body');
    if (!read.ok) return refuse(500, { ns: 'soapenv', local: 'Client' }, read.message);
    const request = read.request;
    const action = (typeof soapAction === 'string' ? soapAction : '').replace(/^"|"$/g, '');
    if (action !== soapActionOf(request.operation)) return refuse(500, { ns: 'soapenv', local: 'Client' }, 'SOAPAction does not match the operation');
    if (!request.author.pharmacyNumbers.includes(security.caller.pharmacyNumber)) {
      return refuse(500, { ns: 'soapenv', local: 'Client' }, 'the request author has no orgpharmacy matching the token');
    }
    if (!request.author.pharmacistInss.includes(security.caller.pharmacistSsin)) {
      return refuse(500, { ns: 'soapenv', local: 'Client' }, 'the request author has no perspharmacist matching the token');
    }

    const patient = options.patients.get(request.patientInsz);
    const folderView = patient ? hubView(patient, options.hub) : { behaviour: 'ok' as const, latencyMs: 0, transactions: [] };
    // Registrations this hub accepted are the patient's records too (a revoked one is gone).
    const view = options.registrations
      ? { ...folderView, transactions: [...folderView.transactions, ...storedTransactions(options.registrations.store, options.hub, request.patientInsz)] }
      : folderView;
    await sleep((options.latencyMs ?? 0) + view.latencyMs, gone.signal);
    if (gone.signal.aborted) return;

    switch (view.behaviour) {
      case 'timeout':
        // Never answers: the client gives up. The socket is closed when the hub stops.
        open.add(res);
        res.on('close', () => open.delete(res));
        return;
      case 'error':
        return refuse(500, { ns: 'soapenv', local: 'Server' }, 'simulated internal error of the hub');
      case 'malformed':
        send(res, 200, '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><broken', record);
        return;
      default:
        break;
    }
    const requestXml = serializer.serializeToString(request.request);
    const ackError = acknowledgeErrorFor(view.behaviour, options.hub);
    const errors = ackError ? [ackError] : [];
    if (request.operation === 'GetTransactionList') {
      send(res, 200, listAnswer(request, view.transactions, errors, requestXml), record);
    } else {
      const wanted = request.transactionId!;
      const transaction = errors.length > 0 ? undefined : view.transactions.find((t) => t.ids.some((i) => i.s === wanted.s && (i.sl ?? '') === (wanted.sl ?? '') && i.value === wanted.value));
      send(
        res,
        200,
        getTransactionResponse({
          hub: options.hub,
          now: now(),
          requestXml,
          ...(transaction ? { transaction } : {}),
          errors: errors.length > 0 ? errors : transaction ? [] : [noDataError(options.hub)],
        }),
        record,
      );
    }
  }

  function listAnswer(request: HubRequest, all: readonly SimulatedTransaction[], behaviourErrors: AcknowledgeErrorSpec[], requestXml: string): string {
    const wanted = request.transactionTypes.map((t) => t.toLowerCase());
    const matching = behaviourErrors.length > 0 ? [] : all.filter((t) => wanted.length === 0 || t.types.some((type) => wanted.includes(type.toLowerCase())));
    const errors = behaviourErrors.length === 0 && matching.length === 0 ? [noDataError(options.hub)] : behaviourErrors;
    let page = matching;
    let pagination: { pageSize: number; totalRecordCount: number } | undefined;
    if (pageSize > 0 && matching.length > pageSize) {
      const start = request.pageIndex ?? 0;
      page = matching.slice(start, start + pageSize);
      pagination = { pageSize, totalRecordCount: matching.length };
    }
    return getTransactionListResponse({
      hub: options.hub,
      now: now(),
      requestXml,
      patientInsz: request.patientInsz,
      transactions: page,
      errors,
      ...(pagination ? { pagination } : {}),
    });
  }

  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, soapFault({ ns: 'soapenv', local: 'Server' }, 'simulator failure'), undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `https://${host}:${address.port}${HUB_SERVICE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

