/**
 * A simulated Vaccinnet registration service (AddVaccinations,
 * RemoveVaccination; message shapes in companion/src/vaccinnet/constants.ts)
 * on HTTPS, with the simulated hubs' WS-Security checks (the same simulated
 * IAM): a caller needs a token of a recognised pharmacy. It checks the
 * softwareID (integrator_software[_organisation], ≤ 50 characters), the
 * patient, 1 to 5 messages, and each KMEHR message like the hubs do
 * (kmehr-check.ts: XSD, the caller's pharmacy, the patient of PatientId,
 * covid rules); a refused message gets its own Result status 400 with the
 * reason. Registrations go to the shared simulator store (a resend of the
 * same message is recognised, not stored twice).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLBuilder } from 'fast-xml-parser';
import { isValidInsz } from '../../../../lib/identifiers/insz.ts';
import { parseSoftwareId } from '../../../../lib/registration/software-id.ts';
import { VACCINNET_NS, VACCINNET_SOAP_ACTION, VACCINATION_ID_SCHEME } from '../../vaccinnet/constants.ts';
import { NS } from '../../wss/namespaces.ts';
import { childElements, elementChildren, parseXmlDocument, textOf } from '../../wss/dom.ts';
import { findSecurityHeader } from '../../wss/security-header.ts';
import { checkHubSecurity } from '../hub-security.ts';
import { soapFault } from '../hub-responses.ts';
import type { FaultInjector } from './faults.ts';
import type { RegistrationEvent } from './hub-registration.ts';
import { checkReceivedKmehr } from './kmehr-check.ts';
import type { SimulatedRegistrationStore } from './store.ts';

export const VACCINNET_SERVICE_PATH = '/vaccinnet/VaccinationService/v21';
const MAX_REQUEST_BYTES = 12_000_000;

export interface SimulatedVaccinnetOptions {
  iamCertificates: readonly string[];
  tls: { key: string; cert: string };
  store: SimulatedRegistrationStore;
  faults: FaultInjector;
  host?: string;
  onEvent?: (event: RegistrationEvent) => void;
  /** Every request received (tests validate what was sent). */
  onRequest?: (request: { soapAction?: string; envelopeXml: string }) => void;
  now?: () => Date;
}

export interface SimulatedVaccinnet {
  url: string;
  close(): Promise<void>;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

interface Status {
  code: string;
  message: string;
}
interface Result {
  kmehrId: string;
  status: Status;
  vaccinationId?: string;
}

function answer(operation: 'AddVaccinationsResponse' | 'RemoveVaccinationResponse', status: Status, patientId?: string, results: readonly Result[] = []): string {
  const payload: Record<string, unknown> = {
    '@_xmlns:vac': VACCINNET_NS.service,
    '@_xmlns:msg': VACCINNET_NS.message,
    'msg:Status': { 'msg:Code': status.code, 'msg:Message': status.message },
  };
  if (patientId !== undefined && results.length > 0) {
    payload['msg:PatientId'] = patientId;
    payload['msg:Results'] = results.map((r) => ({
      'msg:KmehrId': r.kmehrId,
      'msg:Status': { 'msg:Code': r.status.code, 'msg:Message': r.status.message },
      ...(r.vaccinationId !== undefined && { 'msg:VaccinationId': { '@_Source': VACCINATION_ID_SCHEME, '#text': r.vaccinationId } }),
    }));
  }
  return builder.build({ 'soapenv:Envelope': { '@_xmlns:soapenv': NS.soap11, 'soapenv:Body': { [`vac:${operation}`]: payload } } }) as string;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) return resolve(undefined);
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
const ok: Status = { code: '200', message: 'OK' };
const bad = (message: string): Status => ({ code: '400', message });

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}

export async function startSimulatedVaccinnet(options: SimulatedVaccinnetOptions): Promise<SimulatedVaccinnet> {
  const now = options.now ?? (() => new Date());
  const { store } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, xml: string) => {
      if (!res.writableEnded && !res.destroyed) res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(xml);
    };
    const fault = (status: number, code: Parameters<typeof soapFault>[0], message: string) => send(status, soapFault(code, message));
    if (new URL(req.url ?? '/', 'https://vaccinnet.invalid').pathname !== VACCINNET_SERVICE_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('simulated Vaccinnet registration service: POST SOAP 1.1 here');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const text = await readBody(req);
    if (text === undefined) return fault(400, { ns: 'soapenv', local: 'Client' }, 'the request is too large or not UTF-8');
    const soapAction = typeof req.headers.soapaction === 'string' ? req.headers.soapaction.replace(/^"|"$/g, '') : undefined;
    options.onRequest?.({ envelopeXml: text, ...(soapAction !== undefined && { soapAction }) });
    const parsed = parseXmlDocument(text);
    if (!parsed.ok) return fault(500, { ns: 'soapenv', local: 'Client' }, 'malformed request');
    const security = checkHubSecurity(text, parsed.document, { iamCertificates: options.iamCertificates, now: now() });
    if (!security.ok) return fault(500, { ns: 'wsse', local: security.fault }, security.message);
    const header = findSecurityHeader(parsed.document);
    if (!header.ok) return fault(500, { ns: 'soapenv', local: 'Client' }, header.message);
    const payloads = elementChildren(header.body);
    const payload = payloads.length === 1 && payloads[0]!.namespaceURI === VACCINNET_NS.service ? payloads[0]! : undefined;
    const operation = payload?.localName === 'AddVaccinationsRequest' ? 'AddVaccinations' : payload?.localName === 'RemoveVaccinationRequest' ? 'RemoveVaccination' : undefined;
    if (!payload || !operation) return fault(500, { ns: 'soapenv', local: 'Client' }, 'unsupported operation');
    if (soapAction !== VACCINNET_SOAP_ACTION[operation]) return fault(500, { ns: 'soapenv', local: 'Client' }, 'SOAPAction does not match the operation');
    const field = (name: string) => childElements(payload, VACCINNET_NS.message, name);
    const responseName = operation === 'AddVaccinations' ? 'AddVaccinationsResponse' : 'RemoveVaccinationResponse';

    const softwareId = textOf(field('SoftwareId')[0])?.trim() ?? '';
    if (!parseSoftwareId(softwareId).ok) return send(200, answer(responseName, bad('invalid SoftwareId: integrator_software or integrator_software_organisation, at most 50 characters')));
    const patientId = textOf(field('PatientId')[0])?.trim() ?? '';
    if (!/^\d{11}$/.test(patientId) || !isValidInsz(patientId)) return send(200, answer(responseName, bad('invalid PatientId')));

    if (operation === 'RemoveVaccination') {
      const vaccinationId = textOf(field('VaccinationId')[0])?.trim() ?? '';
      const step = options.faults.next('revoke');
      if (step.fail) {
        await sleep(step.delayMs);
        return fault(500, { ns: 'soapenv', local: 'Server' }, 'simulated failure of RemoveVaccination');
      }
      const target = store.find('vaccinnet', (r) => r.handle === vaccinationId && r.insz === patientId);
      const revoke = async () => (target ? store.revoke('vaccinnet', target.handle) : false);
      let revoked = step.storeBeforeDelay ? await revoke() : false;
      await sleep(step.delayMs);
      if (!step.storeBeforeDelay) revoked = await revoke();
      if (revoked) options.onEvent?.({ kind: 'revoked', upstream: 'vaccinnet', ...(target?.registrationId !== undefined && { registrationId: target.registrationId }) });
      return send(200, answer(responseName, revoked ? ok : { code: '404', message: 'no such vaccination' }));
    }

    const messages = field('Base64EncodedKmehrmessage').map((e) => textOf(e) ?? '');
    if (messages.length < 1 || messages.length > 5) return send(200, answer(responseName, bad('AddVaccinations carries 1 to 5 KMEHR messages')));
    const step = options.faults.next('put');
    if (step.fail) {
      await sleep(step.delayMs);
      return fault(500, { ns: 'soapenv', local: 'Server' }, 'simulated failure of AddVaccinations');
    }
    const checked = await Promise.all(
      messages.map(async (b64, index) => {
        const kmehr = decodeBase64(b64);
        if (kmehr === undefined) return { index, kmehrId: `message-${index + 1}`, refusal: 'the message is not base64 UTF-8 text' };
        const check = await checkReceivedKmehr(kmehr, { insz: patientId, pharmacyNumber: security.caller.pharmacyNumber });
        if (!check.ok) return { index, kmehrId: /<id S="ID-KMEHR"[^>]*>([^<]+)</.exec(kmehr)?.[1] ?? `message-${index + 1}`, refusal: check.reason };
        return { index, kmehrId: check.value.kmehrId, kmehr, registrationId: check.value.registrationId };
      }),
    );
    const commit = async () => {
      const results: Result[] = [];
      for (const c of checked) {
        if ('refusal' in c) {
          results.push({ kmehrId: c.kmehrId, status: bad(c.refusal ?? 'refused') });
          continue;
        }
        const outcome = await store.store(
          { upstream: 'vaccinnet', kmehrId: c.kmehrId, insz: patientId, kmehr: c.kmehr, ...(c.registrationId !== undefined && { registrationId: c.registrationId }) },
          now(),
        );
        options.onEvent?.({ kind: outcome.kind === 'stored' ? 'stored' : 'stored-again', upstream: 'vaccinnet', ...(c.registrationId !== undefined && { registrationId: c.registrationId }) });
        results.push({ kmehrId: c.kmehrId, status: ok, vaccinationId: outcome.registration.handle });
      }
      return results;
    };
    let results = step.storeBeforeDelay ? await commit() : undefined;
    await sleep(step.delayMs);
    results ??= await commit();
    const allOk = results.every((r) => r.status.code === ok.code);
    send(200, answer(responseName, allOk ? ok : bad('some messages were refused'), patientId, results));
  }

  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(soapFault({ ns: 'soapenv', local: 'Server' }, 'simulator failure'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `https://${address.address}:${address.port}${VACCINNET_SERVICE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
