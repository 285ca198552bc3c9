/**
 * Reading the answers of PutTransaction and RevokeTransaction: a SOAP Fault,
 * or the response payload's acknowledge (every error read, through the one
 * hub error table, lib/kmehr/hub-errors.ts) and, for PutTransaction, the ids
 * the hub gave the stored transaction. Never throws.
 */
import { readIds } from '../../../lib/kmehr/hcparty.ts';
import { outcomeFromAcknowledge, outcomeFromSoapFault, type Acknowledge, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { readAcknowledge } from '../../../lib/kmehr/hub-response.ts';
import { soapContent } from '../../../lib/kmehr/soap.ts';
import type { HubId, KmehrId } from '../../../lib/vaccination.ts';
import { parseXml } from '../../../lib/xml/parse.ts';
import { quotableName } from '../../../lib/xml/reason-text.ts';
import { childrenNamed } from '../../../lib/xml/tree.ts';

export interface RegistrationAnswer {
  /** `ok`, `no-data` or a typed error (a fault is an error outcome). */
  outcome: HubOutcome;
  /** The acknowledge's errors as the hub wrote them (empty for a fault). */
  acknowledge?: Acknowledge;
  /** PutTransaction: `transaction/id` of the stored transaction. */
  transactionIds: KmehrId[];
  fault: boolean;
}

export type RegistrationAnswerResult = { ok: true; value: RegistrationAnswer } | { ok: false; reason: string };

function read(soapXml: string, expected: 'PutTransactionResponse' | 'RevokeTransactionResponse', hub: HubId, maxBytes: number): RegistrationAnswerResult {
  try {
    const parsed = parseXml(soapXml, { maxBytes });
    if (!parsed.ok) return { ok: false, reason: parsed.error.reason };
    const content = soapContent(parsed.value);
    if (!content.ok) return { ok: false, reason: content.error.reason };
    if (content.value.kind === 'fault') {
      return { ok: true, value: { outcome: outcomeFromSoapFault(content.value.fault), transactionIds: [], fault: true } };
    }
    const element = content.value.element;
    if (element.name !== expected) {
      // A name made of the answer's text (digits: maybe the patient's number) is not repeated.
      const shown = quotableName(element.name);
      return { ok: false, reason: `expected a ${expected}, got ${shown !== undefined ? `<${shown}>` : 'another element'}` };
    }
    const acknowledge = readAcknowledge(element);
    if (!acknowledge.ok) return { ok: false, reason: acknowledge.error.reason };
    const transactionIds = childrenNamed(element, 'transaction').flatMap((t) => readIds(t));
    return { ok: true, value: { outcome: outcomeFromAcknowledge(acknowledge.value, hub), acknowledge: acknowledge.value, transactionIds, fault: false } };
  } catch {
    return { ok: false, reason: `the ${expected} could not be read` };
  }
}

export function parsePutTransactionResponse(soapXml: string, hub: HubId, maxBytes: number): RegistrationAnswerResult {
  return read(soapXml, 'PutTransactionResponse', hub, maxBytes);
}

export function parseRevokeTransactionResponse(soapXml: string, hub: HubId, maxBytes: number): RegistrationAnswerResult {
  return read(soapXml, 'RevokeTransactionResponse', hub, maxBytes);
}
