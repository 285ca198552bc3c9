import { describe, expect, it } from 'vitest';
import {
  extractKmehrMessageXml,
  parseGetTransactionListResponse,
  parseGetTransactionResponse,
  type TransactionListResult,
  type TransactionResult,
} from '../../../lib/kmehr/hub-response.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import type { XmlResult } from '../../../lib/xml/result.ts';
import { readOwn } from './fixtures.ts';

function value<T>(r: XmlResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.reason}`);
  return r.value;
}

const list = (name: string): TransactionListResult => value(parseGetTransactionListResponse(readOwn(name), { hub: 'rsw' }));
const get = (name: string): TransactionResult => value(parseGetTransactionResponse(readOwn(name), { hub: 'rsw' }));

describe('GetTransactionListResponse', () => {
  it('hands back the GetTransactionListResponse element it read (for the pagination), none for a SOAP Fault', () => {
    const out = list('get-transaction-list-response.xml');
    expect(out.response?.name).toBe('GetTransactionListResponse');
    expect(out.response?.children.map((c) => c.name)).toContain('acknowledge');
    const fault = readOwn('get-transaction-list-response.xml').replace(
      /<soapenv:Body>[\s\S]*<\/soapenv:Body>/,
      '<soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>down</faultstring></soapenv:Fault></soapenv:Body>',
    );
    const faulted = value(parseGetTransactionListResponse(fault));
    expect(faulted.outcome.kind).toBe('error');
    expect(faulted.response).toBeUndefined();
  });

  it('lists the transactions with all their ids, types and dates', () => {
    const out = list('get-transaction-list-response.xml');
    expect(out.outcome).toEqual({ kind: 'ok' });
    expect(out.acknowledge).toEqual({ complete: true, errors: [] });
    expect(out.transactions).toEqual([
      {
        ids: [
          { s: 'ID-KMEHR', value: '1' },
          { s: 'LOCAL', sl: 'RSWID', value: 'TX-2026-0001' },
        ],
        types: ['vaccination'],
        date: '2026-10-14',
      },
      {
        ids: [
          { s: 'ID-KMEHR', value: '2' },
          { s: 'LOCAL', sl: 'RSWID', value: 'TX-2026-0002' },
        ],
        types: ['vaccination'],
        date: '2026-01-20',
      },
    ]);
  });

  it('reads the error even though iscomplete is true: no consent, without the INSZ of the description', () => {
    const out = list('get-transaction-list-no-consent.xml');
    expect(out.acknowledge.complete).toBe(true);
    expect(out.acknowledge.errors).toEqual([
      { code: '365', codeSystem: 'CD-ERROR', description: 'No consent found for patient 85073003328' },
    ]);
    expect(out.outcome).toEqual({ kind: 'error', code: 'no-consent', upstreamCode: '365', description: 'No consent found for patient [number]' });
    expect(JSON.stringify(out.outcome)).not.toContain('85073003328');
  });

  it('maps error 202 to no data', () => {
    const out = list('get-transaction-list-no-data.xml');
    expect(out.outcome).toEqual({ kind: 'no-data' });
    expect(out.transactions).toEqual([]);
  });

  it('shows the error that matters when there are several (202 and 360 → no relation)', () => {
    expect(list('get-transaction-list-several-errors.xml').outcome).toEqual({
      kind: 'error',
      code: 'no-relation',
      upstreamCode: '360',
      description: 'No therapeutic relation between the requester and the patient (and 1 other error)',
    });
  });

  it('keeps an unknown code as a hub error with its code and description', () => {
    const out = list('get-transaction-list-unknown-error.xml');
    expect(out.acknowledge).toEqual({
      complete: false,
      errors: [{ code: 'E-4711', codeSystem: 'LOCAL/RSW-ERROR', description: 'Internal processing error' }],
    });
    expect(out.outcome).toEqual({ kind: 'error', code: 'hub-error', upstreamCode: 'E-4711', description: 'Internal processing error' });
  });

  it('turns SOAP 1.1 and 1.2 faults into error outcomes', () => {
    expect(list('soap-fault-failed-authentication.xml')).toEqual({
      outcome: {
        kind: 'error',
        code: 'auth-failed',
        upstreamCode: 'FailedAuthentication',
        description: 'SOAP fault: The security token could not be authenticated or authorized',
      },
      acknowledge: { complete: false, errors: [] },
      transactions: [],
    });
    const fault12 = list('soap12-fault-system-error.xml');
    expect(fault12.outcome).toEqual({
      kind: 'error',
      code: 'hub-error',
      upstreamCode: 'SOA-00001',
      description: 'SOAP fault: Unexpected error - Service error while reading the record of [number]',
    });
    expect(JSON.stringify(fault12)).not.toMatch(/85\.07\.30|85073003328/);
  });

  it('accepts the response element without its envelope', () => {
    const soap = readOwn('get-transaction-list-response.xml');
    const bare = soap.slice(soap.indexOf('<ns3:GetTransactionListResponse'), soap.indexOf('</soapenv:Body>'));
    expect(value(parseGetTransactionListResponse(bare)).transactions).toHaveLength(2);
  });

  it('refuses the wrong answer, an answer without acknowledge, and hostile XML, with typed errors', () => {
    const r1 = parseGetTransactionListResponse(readOwn('get-transaction-response.xml'));
    expect(r1).toEqual({ ok: false, error: { code: 'not-kmehr', reason: 'expected a GetTransactionListResponse, got <GetTransactionResponse>' } });
    const noAck = readOwn('get-transaction-list-response.xml').replace(/<ns2:acknowledge>[\s\S]*<\/ns2:acknowledge>/, '');
    expect(parseGetTransactionListResponse(noAck)).toEqual({ ok: false, error: { code: 'invalid-content', reason: 'the hub answer has no acknowledge' } });
    const badComplete = readOwn('get-transaction-list-response.xml').replace('<ns2:iscomplete>true</ns2:iscomplete>', '<ns2:iscomplete>yes</ns2:iscomplete>');
    expect(parseGetTransactionListResponse(badComplete).ok).toBe(false);
    const doctype = parseGetTransactionListResponse(`<!DOCTYPE x [<!ENTITY a "b">]>${readOwn('get-transaction-list-response.xml').replace(/^<\?xml[^>]*\?>/, '')}`);
    expect(doctype.ok ? undefined : doctype.error.code).toBe('doctype');
    const emptyBody = parseGetTransactionListResponse('<s:Envelope xmlns:s="urn:s"><s:Body/></s:Envelope>');
    expect(emptyBody).toEqual({ ok: false, error: { code: 'invalid-content', reason: 'the SOAP Body is empty' } });
    const noId = readOwn('get-transaction-list-response.xml').replace(/<ns2:id S="ID-KMEHR" SV="1.0">2<\/ns2:id>\s*<ns2:id S="LOCAL" SL="RSWID" SV="1.0">TX-2026-0002<\/ns2:id>/, '');
    expect(parseGetTransactionListResponse(noId)).toEqual({ ok: false, error: { code: 'invalid-content', reason: 'a listed transaction has no id' } });
  });
});

describe('GetTransactionResponse', () => {
  it('gives the kmehrmessage as standalone XML and its records', () => {
    const out = get('get-transaction-response.xml');
    expect(out.outcome).toEqual({ kind: 'ok' });
    expect(out.kmehr?.records).toHaveLength(1);
    expect(out.kmehr?.records[0]).toMatchObject({
      date: '2026-10-14',
      cnk: '0999995',
      disease: 'flu',
      lot: 'AB1234',
      vaccinator: { riziv: '20807092001', role: 'perspharmacist' },
      organisation: { id: '80000551', type: 'orgpharmacy' },
    });
    expect(out.kmehrXml).toMatch(/^<ns2:kmehrmessage [^>]*xmlns="http:\/\/www\.ehealth\.fgov\.be\/standards\/kmehr\/schema\/v1"/);
    expect(out.kmehrXml).toMatch(/<\/ns2:kmehrmessage>$/);
    // The extracted text parses on its own to the same records, and to the same as the full fixture's first transaction.
    const standalone = parseKmehrMessage(out.kmehrXml!);
    expect(standalone.ok && standalone.value.records).toEqual(out.kmehr!.records);
    const full = parseKmehrMessage(readOwn('pharmacy-vaccinations.xml'));
    expect(full.ok && full.value.records[0]).toEqual(out.kmehr!.records[0]);
  });

  it('gives the same kmehrXml as extractKmehrMessageXml on the answer (read once, not checked twice), with or without a byte order mark', () => {
    const soap = readOwn('get-transaction-response.xml');
    for (const text of [soap, `\uFEFF${soap}`]) {
      expect(value(parseGetTransactionResponse(text)).kmehrXml).toBe(value(extractKmehrMessageXml(text)));
    }
  });

  it('extractKmehrMessageXml returns the element verbatim plus inherited declarations', () => {
    const soap = readOwn('get-transaction-response.xml');
    const xml = value(extractKmehrMessageXml(soap));
    const inner = soap.slice(soap.indexOf('<ns2:kmehrmessage>') + '<ns2:kmehrmessage>'.length, soap.indexOf('</ns2:kmehrmessage>'));
    expect(xml.endsWith(`${inner}</ns2:kmehrmessage>`)).toBe(true);
    expect(xml.startsWith('<ns2:kmehrmessage xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://www.ehealth.fgov.be/standards/kmehr/schema/v1" xmlns:ns2="http://www.ehealth.fgov.be/hubservices/core/v3" xmlns:ns3="http://www.ehealth.fgov.be/hubservices/protocol/v3">')).toBe(true);
  });

  it('extractKmehrMessageXml enforces the contract size and refuses hostile input', () => {
    const soap = readOwn('get-transaction-response.xml');
    expect(extractKmehrMessageXml(soap, { maxKmehrChars: 500 })).toEqual({
      ok: false,
      error: { code: 'too-large', reason: 'the kmehrmessage is larger than the 500-character limit' },
    });
    expect(extractKmehrMessageXml(soap, { maxBytes: 500 }).ok).toBe(false);
    expect(extractKmehrMessageXml(readOwn('get-transaction-list-response.xml'))).toEqual({
      ok: false,
      error: { code: 'invalid-content', reason: 'the document holds no kmehrmessage element' },
    });
  });

  it('reads an error outcome and no message', () => {
    const soap = readOwn('get-transaction-response.xml')
      .replace(/<ns2:kmehrmessage>[\s\S]*<\/ns2:kmehrmessage>/, '')
      .replace('<ns2:iscomplete>true</ns2:iscomplete>', '<ns2:iscomplete>true</ns2:iscomplete><ns2:error><cd S="CD-ERROR" SV="1.0">360</cd><description>no relation</description></ns2:error>');
    const out = value(parseGetTransactionResponse(soap));
    expect(out).toEqual({
      outcome: { kind: 'error', code: 'no-relation', upstreamCode: '360', description: 'no relation' },
      acknowledge: { complete: true, errors: [{ code: '360', codeSystem: 'CD-ERROR', description: 'no relation' }] },
    });
  });

  it('turns a SOAP fault into an error outcome', () => {
    expect(get('soap-fault-failed-authentication.xml').outcome).toMatchObject({ kind: 'error', code: 'auth-failed' });
  });

  it('refuses a kmehrmessage that is broken inside, and two of them', () => {
    const soap = readOwn('get-transaction-response.xml');
    const twice = soap.replace('</ns2:kmehrmessage>', '</ns2:kmehrmessage><ns2:kmehrmessage><header/></ns2:kmehrmessage>');
    expect(parseGetTransactionResponse(twice)).toEqual({
      ok: false,
      error: { code: 'invalid-content', reason: 'the GetTransaction answer holds more than one kmehrmessage' },
    });
    const broken = soap.replace('<batch>AB1234</batch>', '<batch>AB1234</lot>');
    const r = parseGetTransactionResponse(broken);
    expect(r.ok ? undefined : r.error.code).toBe('malformed');
  });
});
