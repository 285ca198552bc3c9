/**
 * SOAP envelopes around hub answers: the payload element of the Body, or the
 * Fault. A bare payload (no Envelope) is accepted as well, so a response can
 * be handed over with or without its envelope.
 */
import { xmlFail, xmlOk, type XmlResult } from '../xml/result.ts';
import { childrenNamed, descendantsNamed, firstChild, textOf, type XmlElement } from '../xml/tree.ts';
import type { SoapFault } from './hub-errors.ts';

export type SoapContent = { kind: 'fault'; fault: SoapFault } | { kind: 'payload'; element: XmlElement };

export function soapContent(root: XmlElement): XmlResult<SoapContent> {
  if (root.name !== 'Envelope') {
    if (root.name === 'Fault') return xmlOk({ kind: 'fault', fault: readFault(root) });
    return xmlOk({ kind: 'payload', element: root });
  }
  const bodies = childrenNamed(root, 'Body');
  if (bodies.length !== 1) return xmlFail('invalid-content', 'the SOAP envelope must have exactly one Body');
  const first = bodies[0]!.children[0];
  if (!first) return xmlFail('invalid-content', 'the SOAP Body is empty');
  if (first.name === 'Fault') return xmlOk({ kind: 'fault', fault: readFault(first) });
  return xmlOk({ kind: 'payload', element: first });
}

/** SOAP 1.1 (faultcode, faultstring, detail) and SOAP 1.2 (Code/Value, Subcode, Reason/Text, Detail). */
export function readFault(fault: XmlElement): SoapFault {
  const codes: string[] = [];
  const code11 = textOf(firstChild(fault, 'faultcode'));
  if (code11 !== undefined) codes.push(code11);
  let code12 = firstChild(fault, 'Code');
  while (code12) {
    const value = textOf(firstChild(code12, 'Value'));
    if (value !== undefined) codes.push(value);
    code12 = firstChild(code12, 'Subcode');
  }
  const out: SoapFault = { codes };
  const reason = textOf(firstChild(fault, 'faultstring')) ?? textOf(firstChild(firstChild(fault, 'Reason'), 'Text'));
  if (reason !== undefined) out.reason = reason;
  const detail = firstChild(fault, 'detail') ?? firstChild(fault, 'Detail');
  if (detail) {
    // eHealth puts a SystemError / BusinessError with Code and Message in the detail.
    const detailCode = descendantsNamed(detail, 'Code').map((c) => textOf(c) ?? textOf(firstChild(c, 'Value'))).find(Boolean);
    if (detailCode) out.detailCode = detailCode;
    const message = descendantsNamed(detail, 'Message').map((m) => textOf(m)).find(Boolean);
    if (message) out.detailMessage = message;
  }
  return out;
}
