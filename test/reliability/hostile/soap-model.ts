/**
 * Hub answers around the hostile KMEHR messages: GetTransactionResponse and
 * GetTransactionListResponse envelopes (SOAP 1.1 or 1.2, any prefixes, the
 * KMEHR namespace declared on the message or inherited from the response
 * element as real hubs do), acknowledges with and without errors (one of
 * them quoting the patient), SOAP faults quoting the patient, and the broken
 * shapes (no acknowledge, two Bodies, an empty Body, two messages, another
 * payload). Each with what the hub client must read from it.
 */
import fc from 'fast-check';
import { HUB_NS } from '../../../companion/src/hub/constants.ts';
import type { HubErrorCode } from '../../../lib/companion/contract.ts';
import { expectedRecords, messageNode, type Expected, type MessageSpec } from './kmehr-model.ts';
import { escapeText, XmlWriter, type WriterStyle } from './xml-writer.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export type AckSpec =
  | { kind: 'ok'; complete: 'true' | '1' | 'false' }
  | { kind: 'code'; code: string; description: string; outcome: HubErrorCode | 'no-data' }
  | { kind: 'garbage-complete' }
  | { kind: 'missing' };

export type Shape = 'normal' | 'two-bodies' | 'empty-body' | 'two-messages' | 'other-payload' | 'no-message';

export interface EnvelopeSpec {
  version: '1.1' | '1.2';
  /** '' = the SOAP namespace as default namespace. */
  prefix: 'soapenv' | 'S' | 'env' | '';
  header: 'none' | 'empty' | 'junk';
  /** Where the KMEHR namespace of the message is declared. */
  kmehrNamespace: 'on-message' | 'inherited';
  ack: AckSpec;
  shape: Shape;
}

export const ackSpec = (insz: string): fc.Arbitrary<AckSpec> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<AckSpec>({ kind: 'ok', complete: 'true' }, { kind: 'ok', complete: '1' }, { kind: 'ok', complete: 'false' }) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<AckSpec>(
        { kind: 'code', code: '202', description: 'No data found.', outcome: 'no-data' },
        { kind: 'code', code: '365', description: 'The patient has not given consent.', outcome: 'no-consent' },
        { kind: 'code', code: '360', description: '', outcome: 'no-relation' },
        // A hub that quotes the patient in its error: sanitised before anyone sees it.
        { kind: 'code', code: insz, description: `patient ${insz} (${insz.slice(0, 2)}.${insz.slice(2, 4)}.${insz.slice(4, 6)}-${insz.slice(6, 9)}.${insz.slice(9)}) unknown`, outcome: 'hub-error' },
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom<AckSpec>({ kind: 'garbage-complete' }, { kind: 'missing' }) },
  );

export const envelopeSpec = (insz: string): fc.Arbitrary<EnvelopeSpec> =>
  fc.record({
    version: fc.constantFrom('1.1', '1.2'),
    prefix: fc.constantFrom('soapenv', 'S', 'env', ''),
    header: fc.constantFrom('none', 'empty', 'junk'),
    kmehrNamespace: fc.constantFrom('on-message', 'inherited'),
    ack: ackSpec(insz),
    shape: fc.oneof(
      { weight: 12, arbitrary: fc.constant<Shape>('normal') },
      { weight: 1, arbitrary: fc.constantFrom<Shape>('two-bodies', 'empty-body', 'two-messages', 'other-payload', 'no-message') },
    ),
  });

export interface SoapDocument {
  text: string;
  rootStart: number;
  rootEnd: number;
}

function wrap(env: EnvelopeSpec, payloads: string[]): SoapDocument {
  const p = env.prefix ? `${env.prefix}:` : '';
  const ns = env.version === '1.1' ? SOAP11 : SOAP12;
  const declaration = env.prefix ? `xmlns:${env.prefix}="${ns}"` : `xmlns="${ns}"`;
  const header = env.header === 'none' ? '' : env.header === 'empty' ? `<${p}Header/>` : `<${p}Header><wsse:Security xmlns:wsse="urn:x"><__proto__ constructor="1"/></wsse:Security><Body/></${p}Header>`;
  const bodies =
    env.shape === 'two-bodies'
      ? `<${p}Body>${payloads.join('')}</${p}Body><${p}Body/>`
      : env.shape === 'empty-body'
        ? `<${p}Body/>`
        : `<${p}Body>${payloads.join('')}</${p}Body>`;
  const root = `<${p}Envelope ${declaration}>${header}${bodies}</${p}Envelope>`;
  const prefix = '<?xml version="1.0" encoding="UTF-8"?>\n';
  return { text: `${prefix}${root}\n`, rootStart: prefix.length, rootEnd: prefix.length + root.length };
}

function acknowledge(ack: AckSpec): string {
  switch (ack.kind) {
    case 'missing':
      return '';
    case 'garbage-complete':
      return '<ns2:acknowledge><ns2:iscomplete>yes</ns2:iscomplete></ns2:acknowledge>';
    case 'ok':
      return `<ns2:acknowledge><ns2:iscomplete>${ack.complete}</ns2:iscomplete></ns2:acknowledge>`;
    case 'code':
      return `<ns2:acknowledge><ns2:iscomplete>true</ns2:iscomplete><ns2:error><cd S="CD-ERROR" SV="1.0">${escapeText(ack.code)}</cd>${ack.description ? `<description L="en">${escapeText(ack.description)}</description>` : ''}</ns2:error></ns2:acknowledge>`;
  }
}

/** The hub's `response` block (ids, author, the request echoed). */
const RESPONSE = '<ns2:response><ns2:id S="ID-KMEHR" SV="1.0">1990000035.1</ns2:id><ns2:author><hcparty><id S="ID-HCPARTY" SV="1.0">1990000035</id><cd S="CD-HCPARTY" SV="1.1">hub</cd><name>RSW</name></hcparty></ns2:author><ns2:date>2026-10-15</ns2:date><ns2:time>09:30:00</ns2:time></ns2:response>';

/** A GetTransactionResponse holding `spec` as its kmehrmessage. */
export function transactionResponse(spec: MessageSpec, env: EnvelopeSpec, style: WriterStyle, seed: number): SoapDocument {
  const inherited = env.kmehrNamespace === 'inherited';
  // Inherited: the message's elements are unprefixed and in the default namespace declared on the response element.
  const message = new XmlWriter(inherited ? { ...style, ns: 'none' } : style, seed).write(messageNode(spec));
  const named = inherited ? message.replace(/^<kmehrmessage/, '<ns2:kmehrmessage').replace(/<\/kmehrmessage>$/, '</ns2:kmehrmessage>') : message;
  const messages = env.shape === 'no-message' ? '' : env.shape === 'two-messages' ? named + named : named;
  const element = env.shape === 'other-payload' ? 'GetTransactionListResponse' : 'GetTransactionResponse';
  const declarations = `xmlns:ns3="${HUB_NS.protocol}" xmlns:ns2="${HUB_NS.core}"${inherited ? ` xmlns="${HUB_NS.kmehr}"` : ''}`;
  return wrap(env, [`<ns3:${element} ${declarations}>${RESPONSE}${acknowledge(env.ack)}${messages}</ns3:${element}>`]);
}

/** A GetTransactionListResponse listing `spec`'s transactions (summaries: ids, type, date). */
export function listResponse(spec: MessageSpec, env: EnvelopeSpec): SoapDocument {
  const folders = spec.folders
    .map(
      (f) =>
        `<ns2:folder><ns2:patient><id S="INSS" SV="1.0">${f.insz}</id><firstname>${escapeText(f.firstName)}</firstname><familyname>${escapeText(f.familyName)}</familyname></ns2:patient>${f.transactions
          .map(
            (t) =>
              `<ns2:transaction>${t.ids.map((id) => `<ns2:id S="${id.s}"${id.sl ? ` SL="${id.sl}"` : ''} SV="1.0">${escapeText(id.value)}</ns2:id>`).join('')}${t.type !== undefined ? `<ns2:cd S="CD-TRANSACTION" SV="1.0">${escapeText(t.type)}</ns2:cd>` : ''}${t.date.raw !== undefined ? `<ns2:date>${escapeText(t.date.raw)}</ns2:date>` : ''}</ns2:transaction>`,
          )
          .join('')}</ns2:folder>`,
    )
    .join('');
  const element = env.shape === 'other-payload' ? 'GetTransactionResponse' : 'GetTransactionListResponse';
  const header = env.shape === 'no-message' ? '' : `<ns2:kmehrheader>${folders}</ns2:kmehrheader>`;
  return wrap(env, [`<ns3:${element} xmlns:ns3="${HUB_NS.protocol}" xmlns:ns2="${HUB_NS.core}" xmlns="${HUB_NS.kmehr}">${RESPONSE}${acknowledge(env.ack)}${header}</ns3:${element}>`]);
}

export interface FaultSpec {
  version: '1.1' | '1.2';
  code: 'FailedAuthentication' | 'Server' | 'InvalidSecurity' | 'SOAP-ENV:Client';
  quotesPatient: boolean;
}

export const faultSpec: fc.Arbitrary<FaultSpec> = fc.record({
  version: fc.constantFrom('1.1', '1.2'),
  code: fc.constantFrom('FailedAuthentication', 'Server', 'InvalidSecurity', 'SOAP-ENV:Client'),
  quotesPatient: fc.boolean(),
});

export const FAULT_OUTCOME: Readonly<Record<FaultSpec['code'], HubErrorCode>> = {
  FailedAuthentication: 'auth-failed',
  InvalidSecurity: 'auth-failed',
  Server: 'hub-error',
  'SOAP-ENV:Client': 'hub-error',
};

export function faultResponse(fault: FaultSpec, insz: string, prefix: EnvelopeSpec['prefix']): SoapDocument {
  const text = fault.quotesPatient ? `Access denied for patient ${insz} (SSIN ${insz.slice(0, 6)} ${insz.slice(6)})` : 'Access denied';
  const code = fault.code.includes(':') ? fault.code : `wsse:${fault.code}`;
  const body =
    fault.version === '1.1'
      ? `<${prefix ? `${prefix}:` : ''}Fault xmlns:wsse="urn:wsse"><faultcode>${code}</faultcode><faultstring>${escapeText(text)}</faultstring><detail><BusinessError><Code>E-${fault.quotesPatient ? insz : '42'}</Code><Message>${escapeText(text)}</Message></BusinessError></detail></${prefix ? `${prefix}:` : ''}Fault>`
      : `<${prefix ? `${prefix}:` : ''}Fault xmlns:wsse="urn:wsse"><Code><Value>Receiver</Value><Subcode><Value>${code}</Value></Subcode></Code><Reason><Text xml:lang="en">${escapeText(text)}</Text></Reason></${prefix ? `${prefix}:` : ''}Fault>`;
  return wrap({ version: fault.version, prefix, header: 'none', kmehrNamespace: 'on-message', ack: { kind: 'missing' }, shape: 'normal' }, [body]);
}

/** What a GetTransactionResponse must read as. */
export type TransactionExpectation =
  | { kind: 'error'; codes: readonly string[] }
  | { kind: 'outcome'; outcome: 'ok' | 'no-data' | HubErrorCode; records?: Expected };

export function expectedTransaction(spec: MessageSpec, env: EnvelopeSpec): TransactionExpectation {
  if (env.shape === 'two-bodies' || env.shape === 'empty-body') return { kind: 'error', codes: ['invalid-content'] };
  if (env.shape === 'other-payload') return { kind: 'error', codes: ['not-kmehr'] };
  if (env.ack.kind === 'missing' || env.ack.kind === 'garbage-complete') return { kind: 'error', codes: ['invalid-content'] };
  if (env.shape === 'two-messages') return { kind: 'error', codes: ['invalid-content'] };
  const outcome = env.ack.kind === 'ok' ? 'ok' : env.ack.outcome;
  if (env.shape === 'no-message') return { kind: 'outcome', outcome };
  return { kind: 'outcome', outcome, records: expectedRecords(spec) };
}

/** What a GetTransactionListResponse must read as: the outcome and the listed ids. */
export type ListExpectation = { kind: 'error'; codes: readonly string[] } | { kind: 'outcome'; outcome: 'ok' | 'no-data' | HubErrorCode; ids: string[][] };

export function expectedList(spec: MessageSpec, env: EnvelopeSpec): ListExpectation {
  if (env.shape === 'two-bodies' || env.shape === 'empty-body') return { kind: 'error', codes: ['invalid-content'] };
  if (env.shape === 'other-payload') return { kind: 'error', codes: ['not-kmehr'] };
  if (env.ack.kind === 'missing' || env.ack.kind === 'garbage-complete') return { kind: 'error', codes: ['invalid-content'] };
  const outcome = env.ack.kind === 'ok' ? 'ok' : env.ack.outcome;
  const ids = env.shape === 'no-message' ? [] : spec.folders.flatMap((f) => f.transactions.map((t) => t.ids.map((i) => `${i.s}|${i.sl ?? ''}|${i.value}`)));
  return { kind: 'outcome', outcome, ids };
}
