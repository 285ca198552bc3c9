/** Reading AddVaccinations and RemoveVaccination answers (constants.ts), by local name. Never throws. */
import { sanitizeUpstreamText, outcomeFromSoapFault, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { soapContent } from '../../../lib/kmehr/soap.ts';
import { parseXml } from '../../../lib/xml/parse.ts';
import { quotableName } from '../../../lib/xml/reason-text.ts';
import { attr, childrenNamed, firstChild, textOf, type XmlElement } from '../../../lib/xml/tree.ts';

export interface VaccinnetStatus {
  code: string;
  /** The service's words, cleaned of anything number-shaped. */
  message: string;
}

export interface VaccinnetResult {
  kmehrId: string;
  status?: VaccinnetStatus;
  vaccinationId?: { value: string; source: string };
}

export type VaccinnetAnswer =
  | { kind: 'fault'; outcome: Extract<HubOutcome, { kind: 'error' }> }
  | { kind: 'status'; status: VaccinnetStatus; results: VaccinnetResult[] };

export type VaccinnetAnswerResult = { ok: true; value: VaccinnetAnswer } | { ok: false; reason: string };

function statusOf(el: XmlElement | undefined): VaccinnetStatus | undefined {
  if (!el) return undefined;
  const code = textOf(firstChild(el, 'Code'));
  if (code === undefined) return undefined;
  return { code: sanitizeUpstreamText(code).slice(0, 100), message: sanitizeUpstreamText(textOf(firstChild(el, 'Message'))) };
}

function read(soapXml: string, expected: 'AddVaccinationsResponse' | 'RemoveVaccinationResponse', maxBytes: number): VaccinnetAnswerResult {
  try {
    const parsed = parseXml(soapXml, { maxBytes });
    if (!parsed.ok) return { ok: false, reason: parsed.error.reason };
    const content = soapContent(parsed.value);
    if (!content.ok) return { ok: false, reason: content.error.reason };
    if (content.value.kind === 'fault') {
      const outcome = outcomeFromSoapFault(content.value.fault);
      if (outcome.kind !== 'error') return { ok: false, reason: 'a fault without an error' };
      return { ok: true, value: { kind: 'fault', outcome } };
    }
    const element = content.value.element;
    if (element.name !== expected) {
      // A name made of the answer's text (digits: maybe the patient's number) is not repeated.
      const shown = quotableName(element.name);
      return { ok: false, reason: `expected a ${expected}, got ${shown !== undefined ? `<${shown}>` : 'another element'}` };
    }
    const status = statusOf(firstChild(element, 'Status'));
    if (!status) return { ok: false, reason: `the ${expected} has no Status/Code` };
    const results: VaccinnetResult[] = [];
    for (const r of childrenNamed(element, 'Results')) {
      const kmehrId = textOf(firstChild(r, 'KmehrId'));
      if (kmehrId === undefined) return { ok: false, reason: 'a result without KmehrId' };
      const result: VaccinnetResult = { kmehrId };
      const s = statusOf(firstChild(r, 'Status'));
      if (s) result.status = s;
      const idEl = firstChild(r, 'VaccinationId');
      const id = textOf(idEl);
      if (id !== undefined) result.vaccinationId = { value: id.slice(0, 500), source: (attr(idEl, 'Source') ?? '').trim().slice(0, 100) };
      results.push(result);
    }
    return { ok: true, value: { kind: 'status', status, results } };
  } catch {
    return { ok: false, reason: `the ${expected} could not be read` };
  }
}

export function parseAddVaccinationsResponse(soapXml: string, maxBytes: number): VaccinnetAnswerResult {
  return read(soapXml, 'AddVaccinationsResponse', maxBytes);
}

export function parseRemoveVaccinationResponse(soapXml: string, maxBytes: number): VaccinnetAnswerResult {
  return read(soapXml, 'RemoveVaccinationResponse', maxBytes);
}
