/**
 * What the hostile corpus found, pinned as plain examples (each failed before
 * its fix): reasons quoting patient numbers, and characters XML forbids read
 * as text.
 */
import { describe, expect, it } from 'vitest';
import { parsePutTransactionResponse, parseRevokeTransactionResponse } from '../../../companion/src/hub/registration-response.ts';
import { parseAddVaccinationsResponse, parseRemoveVaccinationResponse } from '../../../companion/src/vaccinnet/response.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import { parseXml } from '../../../lib/xml/parse.ts';

const INSZ = '85073003328';

function kmehr(transactionType: string, rootName = 'kmehrmessage'): string {
  return `<${rootName} xmlns="http://www.ehealth.fgov.be/standards/kmehr/schema/v1"><folder><patient><id S="ID-PATIENT">${INSZ}</id></patient>
<transaction><id S="ID-KMEHR">1</id><cd S="CD-TRANSACTION">${transactionType}</cd><date>2026-10-14</date>
<item><cd S="CD-ITEM">vaccine</cd><beginmoment><date>2026-10-14</date></beginmoment></item></transaction></folder></${rootName}>`;
}

function reasonsOf(result: ReturnType<typeof parseKmehrMessage>): string[] {
  return result.ok ? result.value.warnings.map((w) => w.reason) : [result.error.reason];
}

describe('reasons never quote a patient number', () => {
  it('a transaction code holding the INSZ: the skip warning does not repeat it', () => {
    const result = parseKmehrMessage(kmehr(INSZ));
    expect(result.ok).toBe(true);
    const reasons = reasonsOf(result);
    expect(reasons.some((r) => r.includes('skipped'))).toBe(true);
    for (const reason of reasons) expect(reason).not.toContain(INSZ);
  });

  it('a readable transaction code is still named', () => {
    const result = parseKmehrMessage(kmehr('sumehr'));
    expect(reasonsOf(result).join(' ')).toContain('"sumehr"');
  });

  it('a root element named with the INSZ: not KMEHR, without the number', () => {
    const result = parseKmehrMessage(kmehr('vaccination', `x:Q${INSZ}`));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-kmehr' } });
    expect(reasonsOf(result)[0]).not.toContain(INSZ);
    expect(reasonsOf(parseKmehrMessage('<Envelope/>'))[0]).toContain('<Envelope>');
  });

  it.each([
    ['a lost ">" before the number', `<a><id S="ID-PATIENT"${INSZ}</id></a>`],
    ['a space instead of ">"', `<a><id S="ID-PATIENT" ${INSZ}</id></a>`],
    ['an attribute named with the number', `<a ${INSZ}="1"/>`],
    ['a tag named with the number', `<a><${INSZ}/></a>`],
    ['a closing tag named with the number', `<a></${INSZ}>`],
    ['an entity named with part of the number', `<a>&x${INSZ.slice(0, 9)};</a>`],
  ])('well-formedness errors: %s', (_label, xml) => {
    const result = parseXml(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('malformed');
      expect(result.error.reason).not.toMatch(/\d{6}/);
      expect(result.error.reason).toMatch(/line \d+, column \d+|entity/);
    }
  });

  it.each([
    ['PutTransaction', (x: string) => parsePutTransactionResponse(x, 'rsw', 1_000_000)],
    ['RevokeTransaction', (x: string) => parseRevokeTransactionResponse(x, 'rsw', 1_000_000)],
    ['AddVaccinations', (x: string) => parseAddVaccinationsResponse(x, 1_000_000)],
    ['RemoveVaccination', (x: string) => parseRemoveVaccinationResponse(x, 1_000_000)],
  ])('a %s answer whose payload element is named with the INSZ: refused without the number', (_op, read) => {
    const soap = (payload: string) => `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${payload}</S:Body></S:Envelope>`;
    const result = read(soap(`<x:Q${INSZ} xmlns:x="urn:x"/>`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(INSZ);
    const named = read(soap('<Other/>'));
    if (!named.ok) expect(named.reason).toContain('<Other>');
  });

  it('tag names without digits are still named in a well-formedness error', () => {
    const result = parseXml('<folder><patient></folder>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toContain("'patient'");
  });
});

describe('characters XML does not allow are refused, written literally or as references', () => {
  it.each([
    ['NUL', '\u0000'],
    ['a C0 control', '\u0001'],
    ['vertical tab', '\u000B'],
    ['U+FFFE', '\uFFFE'],
    ['U+FFFF', '\uFFFF'],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate', '\uDFFF'],
  ])('%s in text', (_label, ch) => {
    const literal = parseXml(`<a>lot${ch}1</a>`);
    const reference = parseXml(`<a>lot&#x${ch.charCodeAt(0).toString(16)};1</a>`);
    expect(reference).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(literal).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('in an attribute value too', () => {
    expect(parseXml('<a S="CD\u0000ITEM"/>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('tab, line feed, carriage return, astral characters and U+FFFD are text', () => {
    const result = parseXml('<a b="x\ty">\t\n𝄞\uFFFDé</a>');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.text).toBe('\t\n𝄞\uFFFDé');
  });
});
