/**
 * PutTransaction and RevokeTransaction at a simulated hub, after the hub's
 * security and author checks (hub-server.ts):
 * - PutTransaction: the KMEHR message is checked (kmehr-check.ts: XSD,
 *   one vaccination, the caller's pharmacy, covid rules) and refused with an
 *   acknowledge error `SIM-INVALID-KMEHR` when it fails; the patient's
 *   behaviour applies (no consent → the same acknowledge error as for a
 *   consultation; timeout, error, malformed as well); then it is stored
 *   (store.ts: a resend of the same registration is recognised) and the
 *   answer carries the hub's transaction id.
 * - RevokeTransaction: the transaction, named by the hub's id or by this
 *   product's registration id, is revoked; unknown or already revoked →
 *   the "no data" acknowledge error.
 * Faults (faults.ts) apply to both.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { REGISTRATION_ID_SL } from '../../../../lib/kmehr/build.ts';
import { extractElementXml } from '../../../../lib/xml/extract.ts';
import { scanTags } from '../../../../lib/xml/scan.ts';
import type { HubId } from '../../../../lib/vaccination.ts';
import { HUB_NS } from '../../hub/constants.ts';
import { attributeNS, childElements, firstChild, textOf } from '../../wss/dom.ts';
import { readAuthor, type RequestAuthor } from '../hub-request.ts';
import {
  acknowledgeErrorFor,
  acknowledgeTree,
  buildWithSplices,
  envelope,
  marker,
  noDataError,
  responseTree,
  ROOT_NS,
  soapFault,
  type AcknowledgeErrorSpec,
} from '../hub-responses.ts';
import type { CodedValue } from '../kmehr-file.ts';
import { hubView, type PatientSet } from '../patients.ts';
import type { FaultInjector } from './faults.ts';
import { checkReceivedKmehr } from './kmehr-check.ts';
import type { SimulatedRegistrationStore } from './store.ts';

/** SL of the simulated hubs' own transaction ids (as in the synthetic patients' messages). */
export const SIMULATED_HUB_TRANSACTION_SL = 'vaccicard-transaction-id';
export const INVALID_KMEHR_CODE = 'SIM-INVALID-KMEHR';

export type RegistrationHubRequest =
  | { operation: 'PutTransaction'; payload: Element; request: Element; author: RequestAuthor }
  | { operation: 'RevokeTransaction'; payload: Element; request: Element; author: RequestAuthor; patientInsz: string; transactionId: CodedValue };

const serializer = new XMLSerializer();

/** A PutTransaction or RevokeTransaction request; undefined for any other Body. */
export function readRegistrationHubRequest(body: Element): { ok: true; request: RegistrationHubRequest } | { ok: false; message: string } | undefined {
  const payload = childElements(body, HUB_NS.protocol, 'PutTransactionRequest')[0] ?? childElements(body, HUB_NS.protocol, 'RevokeTransactionRequest')[0];
  if (!payload) return undefined;
  const request = firstChild(payload, HUB_NS.core, 'request');
  if (!request) return { ok: false, message: 'request is required' };
  const author = readAuthor(request);
  if (payload.localName === 'PutTransactionRequest') {
    if (!firstChild(payload, HUB_NS.core, 'kmehrmessage')) return { ok: false, message: 'kmehrmessage is required' };
    return { ok: true, request: { operation: 'PutTransaction', payload, request, author } };
  }
  const select = firstChild(payload, HUB_NS.core, 'select');
  const patient = select && firstChild(select, HUB_NS.core, 'patient');
  const inss = patient ? childElements(patient, HUB_NS.core, 'id').find((i) => attributeNS(i, null, 'S') === 'INSS') : undefined;
  const patientInsz = textOf(inss)?.trim() ?? '';
  if (!/^\d{11}$/.test(patientInsz)) return { ok: false, message: 'select/patient needs an INSS' };
  const transaction = select && firstChild(select, HUB_NS.core, 'transaction');
  const id = transaction && firstChild(transaction, HUB_NS.core, 'id');
  const s = id ? attributeNS(id, null, 'S') : undefined;
  const value = textOf(id)?.trim();
  if (!id || !s || !value) return { ok: false, message: 'select/transaction/id is required' };
  const transactionId: CodedValue = { s, sv: attributeNS(id, null, 'SV') ?? '1.0', value };
  const sl = attributeNS(id, null, 'SL');
  if (sl) transactionId.sl = sl;
  return { ok: true, request: { operation: 'RevokeTransaction', payload, request, author, patientInsz, transactionId } };
}

/** The `kmehrmessage` of a PutTransaction envelope as a standalone message (root renamed, inherited namespaces kept). */
export function standaloneKmehrFromEnvelope(envelopeXml: string): string | undefined {
  const extracted = extractElementXml(envelopeXml, 'kmehrmessage');
  if (!extracted.ok) return undefined;
  const xml = extracted.value;
  let root: { start: number; end: number; qname: string } | undefined;
  let rootEnd: { start: number; end: number } | undefined;
  const scanned = scanTags(xml, (ev) => {
    if (ev.depth !== 1) return true;
    if (ev.kind === 'start') root ??= { start: ev.start, end: ev.end, qname: ev.qname };
    else rootEnd = { start: ev.start, end: ev.end };
    return true;
  });
  if (!scanned.ok || !root || !rootEnd) return undefined;
  const inner = xml.slice(root.end, rootEnd.start);
  // Prefixes copied from the envelope (soapenv, core, ...) that the message does not use are dropped.
  const attributes = xml
    .slice(root.start + 1 + root.qname.length, root.end)
    .replace(/\s+xmlns:([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*')/g, (decl, prefix: string) => (inner.includes(`${prefix}:`) ? decl : ''));
  return `<kmehrmessage${attributes}${inner}</kmehrmessage>`;
}

export function putTransactionResponse(hub: HubId, now: Date, requestXml: string, errors: readonly AcknowledgeErrorSpec[], handle?: string): string {
  const requestMarker = marker();
  const payload: Record<string, unknown> = {
    ...ROOT_NS,
    'core:response': responseTree(hub, now, requestMarker),
    'core:acknowledge': acknowledgeTree(errors),
  };
  if (handle !== undefined) {
    payload['core:transaction'] = { 'core:id': { '@_S': 'LOCAL', '@_SL': SIMULATED_HUB_TRANSACTION_SL, '@_SV': '1.0', '#text': handle } };
  }
  return buildWithSplices(envelope({ 'protocol:PutTransactionResponse': payload }), { [requestMarker]: requestXml });
}

export function revokeTransactionResponse(hub: HubId, now: Date, requestXml: string, errors: readonly AcknowledgeErrorSpec[]): string {
  const requestMarker = marker();
  const payload = { ...ROOT_NS, 'core:response': responseTree(hub, now, requestMarker), 'core:acknowledge': acknowledgeTree(errors) };
  return buildWithSplices(envelope({ 'protocol:RevokeTransactionResponse': payload }), { [requestMarker]: requestXml });
}

export type RegistrationEvent = { kind: 'stored' | 'stored-again' | 'revoked'; upstream: HubId | 'vaccinnet'; registrationId?: string };

export interface HubRegistrationDeps {
  hub: HubId;
  store: SimulatedRegistrationStore;
  faults: FaultInjector;
  patients: PatientSet;
  now: () => Date;
  onEvent?: (event: RegistrationEvent) => void;
}

/** An answer, or `hold` (never answer: the client times out). */
export type HubAnswer = { status: number; xml: string } | 'hold';

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

const serverFault = (message: string): HubAnswer => ({ status: 500, xml: soapFault({ ns: 'soapenv', local: 'Server' }, message) });

export async function answerRegistrationCall(
  call: RegistrationHubRequest,
  context: { envelopeXml: string; callerPharmacy: string },
  deps: HubRegistrationDeps,
): Promise<HubAnswer> {
  const requestXml = serializer.serializeToString(call.request);
  const { hub, store, now } = deps;

  if (call.operation === 'RevokeTransaction') {
    const fault = deps.faults.next('revoke');
    if (fault.fail) {
      await sleep(fault.delayMs);
      return serverFault('simulated failure of RevokeTransaction');
    }
    const wanted = call.transactionId;
    const target = store.find(
      hub,
      (r) =>
        r.insz === call.patientInsz &&
        ((wanted.s === 'LOCAL' && wanted.sl === SIMULATED_HUB_TRANSACTION_SL && wanted.value === r.handle) ||
          (wanted.s === 'LOCAL' && wanted.sl === REGISTRATION_ID_SL && wanted.value === r.registrationId)),
    );
    const revoke = async () => (target ? store.revoke(hub, target.handle) : false);
    let revoked = false;
    if (fault.storeBeforeDelay) revoked = await revoke();
    await sleep(fault.delayMs);
    if (!fault.storeBeforeDelay) revoked = await revoke();
    if (revoked) deps.onEvent?.({ kind: 'revoked', upstream: hub, ...(target?.registrationId !== undefined && { registrationId: target.registrationId }) });
    return { status: 200, xml: revokeTransactionResponse(hub, now(), requestXml, revoked ? [] : [noDataError(hub)]) };
  }

  const kmehr = standaloneKmehrFromEnvelope(context.envelopeXml);
  if (!kmehr) return { status: 200, xml: putTransactionResponse(hub, now(), requestXml, [{ code: INVALID_KMEHR_CODE, description: 'the kmehrmessage could not be read' }]) };
  const check = await checkReceivedKmehr(kmehr, { pharmacyNumber: context.callerPharmacy });
  if (!check.ok) return { status: 200, xml: putTransactionResponse(hub, now(), requestXml, [{ code: INVALID_KMEHR_CODE, description: check.reason }]) };
  const received = check.value;

  const patient = deps.patients.get(received.insz);
  const behaviour = patient ? hubView(patient, hub).behaviour : 'ok';
  if (behaviour === 'timeout') return 'hold';
  if (behaviour === 'error') return serverFault('simulated internal error of the hub');
  if (behaviour === 'malformed') return { status: 200, xml: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><broken' };
  const refusal = acknowledgeErrorFor(behaviour, hub);
  if (refusal) return { status: 200, xml: putTransactionResponse(hub, now(), requestXml, [refusal]) };

  const fault = deps.faults.next('put');
  if (fault.fail) {
    await sleep(fault.delayMs);
    return serverFault('simulated failure of PutTransaction');
  }
  const input = { upstream: hub, kmehrId: received.kmehrId, insz: received.insz, kmehr, ...(received.registrationId !== undefined && { registrationId: received.registrationId }) };
  const commit = async () => {
    const outcome = await store.store(input, now());
    deps.onEvent?.({ kind: outcome.kind === 'stored' ? 'stored' : 'stored-again', upstream: hub, ...(received.registrationId !== undefined && { registrationId: received.registrationId }) });
    return outcome;
  };
  let outcome = fault.storeBeforeDelay ? await commit() : undefined;
  await sleep(fault.delayMs);
  outcome ??= await commit();
  return { status: 200, xml: putTransactionResponse(hub, now(), requestXml, [], outcome.registration.handle) };
}
