/** The registration message's structure, escaping and refusals. */
import { describe, expect, it } from 'vitest';
import { buildVaccinationKmehr, KMEHR_NAMESPACE, KmehrBuildError, type VaccinationKmehrOptions } from '../../../lib/kmehr/build.ts';
import { formatDecimal } from '../../../lib/kmehr/build/vaccine-item.ts';
import type { RegistrationInput } from '../../../lib/registration/input.ts';
import { parseXml } from '../../../lib/xml/parse.ts';
import { attr, childrenNamed, firstChild, pathFirst, textOf, type XmlElement } from '../../../lib/xml/tree.ts';
import { baseInput, baseOptions, makeInsz } from '../registration/factory.ts';
import { BUILD_CASES } from './build-cases.ts';

function tree(input: RegistrationInput, options: VaccinationKmehrOptions = baseOptions()): XmlElement {
  const parsed = parseXml(buildVaccinationKmehr(input, options));
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
}
const names = (el: XmlElement | undefined) => (el?.children ?? []).map((c) => c.name);
const transactionOf = (root: XmlElement) => pathFirst(root, 'folder', 'transaction')!;
const partyTexts = (parent: XmlElement | undefined) =>
  childrenNamed(parent, 'hcparty').map((p) => ({
    ids: childrenNamed(p, 'id').map((i) => `${attr(i, 'S')}=${textOf(i)}`),
    type: textOf(firstChild(p, 'cd')),
    name: textOf(firstChild(p, 'name')) ?? [textOf(firstChild(p, 'firstname')), textOf(firstChild(p, 'familyname'))].join(' '),
  }));

function buildError(input: unknown, options: VaccinationKmehrOptions = baseOptions()): KmehrBuildError {
  try {
    buildVaccinationKmehr(input as RegistrationInput, options);
  } catch (e) {
    if (e instanceof KmehrBuildError) return e;
    throw e;
  }
  throw new Error('expected a KmehrBuildError');
}

describe('buildVaccinationKmehr: structure', () => {
  it('one folder, one vaccination transaction, one vaccine item, children in schema order', () => {
    const input = { ...baseInput('covid'), quantity: 0.5 };
    expect(buildVaccinationKmehr(input, baseOptions())).toContain(`\n<kmehrmessage xmlns="${KMEHR_NAMESPACE}">\n`);
    const root = tree(input);
    expect(root.name).toBe('kmehrmessage');
    expect(names(root)).toEqual(['header', 'folder']);
    expect(names(firstChild(root, 'folder'))).toEqual(['id', 'patient', 'transaction']);
    const tx = transactionOf(root);
    expect(names(tx)).toEqual(['id', 'cd', 'date', 'time', 'author', 'iscomplete', 'isvalidated', 'item']);
    expect(textOf(firstChild(tx, 'cd'))).toBe('vaccination');
    expect(attr(firstChild(tx, 'cd'), 'S')).toBe('CD-TRANSACTION');
    expect([textOf(firstChild(tx, 'iscomplete')), textOf(firstChild(tx, 'isvalidated'))]).toEqual(['true', 'true']);
    const item = firstChild(tx, 'item')!;
    expect(names(item)).toEqual(['id', 'cd', 'content', 'content', 'content', 'beginmoment', 'lifecycle', 'quantity', 'batch']);
    const contents = childrenNamed(item, 'content');
    expect(textOf(pathFirst(contents[0], 'medicinalproduct', 'intendedcd'))).toBe('4293254');
    expect(attr(pathFirst(contents[0], 'medicinalproduct', 'intendedcd'), 'S')).toBe('CD-DRUG-CNK');
    expect(textOf(pathFirst(contents[0], 'medicinalproduct', 'intendedname'))).toBe('Comirnaty (1 dosis)');
    expect([attr(firstChild(contents[1], 'cd'), 'S'), textOf(firstChild(contents[1], 'cd'))]).toEqual(['CD-VACCINEINDICATION', 'covid19']);
    expect([attr(firstChild(contents[2], 'cd'), 'S'), textOf(firstChild(contents[2], 'cd'))]).toEqual(['CD-ATC', 'J07BX03']);
    expect(textOf(pathFirst(item, 'beginmoment', 'date'))).toBe('2026-10-14');
    expect(textOf(pathFirst(item, 'lifecycle', 'cd'))).toBe('administrated');
    expect(textOf(pathFirst(item, 'quantity', 'decimal'))).toBe('0.5');
    expect(textOf(firstChild(item, 'batch'))).toBe('AB1234');
  });

  it('flu gets seasonalinfluenza; other gets no indication; absent lot means no batch', () => {
    const flu = firstChild(transactionOf(tree(baseInput('flu'))), 'item')!;
    expect(textOf(firstChild(childrenNamed(flu, 'content')[1], 'cd'))).toBe('seasonalinfluenza');
    const otherInput = { ...baseInput('other') };
    delete otherInput.lot;
    const other = firstChild(transactionOf(tree(otherInput)), 'item')!;
    expect(names(other)).toEqual(['id', 'cd', 'content', 'content', 'beginmoment', 'lifecycle', 'quantity']);
    expect(attr(firstChild(childrenNamed(other, 'content')[1], 'cd'), 'S')).toBe('CD-ATC');
  });

  it('header: standard, id from the pharmacist and messageId, Belgian date and time, sender and recipient', () => {
    const root = tree(baseInput('flu'), baseOptions({ software: { name: 'Vaccicard overlay', version: '0.1.0' } }));
    const header = firstChild(root, 'header')!;
    expect(names(header)).toEqual(['standard', 'id', 'date', 'time', 'sender', 'recipient']);
    expect(textOf(pathFirst(header, 'standard', 'cd'))).toBe('20120701');
    expect(textOf(firstChild(header, 'id'))).toBe('20807092001.f47ac10b-58cc-4372-a567-0e02b2c3d479');
    expect([textOf(firstChild(header, 'date')), textOf(firstChild(header, 'time'))]).toEqual(['2026-10-15', '12:00:00']);
    expect(partyTexts(firstChild(header, 'sender'))).toEqual([
      { ids: ['ID-HCPARTY=20807092001'], type: 'perspharmacist', name: 'Marie Exemple' },
      { ids: ['ID-HCPARTY=80000551'], type: 'orgpharmacy', name: 'Pharmacie du Test' },
      { ids: [], type: 'application', name: 'Vaccicard overlay 0.1.0' },
    ]);
    const tx = transactionOf(root);
    expect([textOf(firstChild(tx, 'date')), textOf(firstChild(tx, 'time'))]).toEqual(['2026-10-15', '12:00:00']);
    expect(partyTexts(firstChild(tx, 'author'))).toEqual(partyTexts(firstChild(header, 'sender')).slice(0, 2));
    expect(textOf(pathFirst(tree(baseInput('flu'), baseOptions({ standard: '20260210' })), 'header', 'standard', 'cd'))).toBe('20260210');
  });

  it.each([
    ['rsw', { ids: ['ID-HCPARTY=1990000035'], type: 'hub', name: 'RSW' }],
    ['rsb', { ids: ['ID-HCPARTY=1990000728'], type: 'hub', name: 'RSB' }],
    ['vaccinnet', { ids: [], type: 'orgpublichealth', name: 'VAZG' }],
  ] as const)('recipient for %s', (target, party) => {
    expect(partyTexts(pathFirst(tree(baseInput('flu'), baseOptions({ target })), 'header', 'recipient'))).toEqual([party]);
  });

  it.each([
    ['85073003328', 'male'],
    ['17073003384', 'male'],
    [makeInsz(1990, 5, 12, 2), 'female'],
    [makeInsz(1985, 27, 30, 33), 'unknown'],
  ])('patient %s: ID-PATIENT and sex %s from the INSZ', (insz, sex) => {
    const patient = pathFirst(tree({ ...baseInput('flu'), patient: { insz } }), 'folder', 'patient')!;
    expect(names(patient)).toEqual(['id', 'firstname', 'familyname', 'sex']);
    expect([attr(firstChild(patient, 'id'), 'S'), textOf(firstChild(patient, 'id'))]).toEqual(['ID-PATIENT', insz]);
    expect(textOf(firstChild(patient, 'firstname'))).toBeUndefined();
    expect(textOf(pathFirst(patient, 'sex', 'cd'))).toBe(sex);
  });

  it('registration id as a LOCAL transaction id; adverse events as an adr item in their language', () => {
    const tx = transactionOf(
      tree(
        { ...baseInput('flu'), adverseEvents: { text: 'Rougeur\nfièvre', language: 'fr' } },
        baseOptions({ registrationId: 'reg-42' }),
      ),
    );
    expect(childrenNamed(tx, 'id').map((i) => [attr(i, 'S'), attr(i, 'SL'), textOf(i)])).toEqual([
      ['ID-KMEHR', undefined, '1'],
      ['LOCAL', 'vaccicard-overlay-registration', 'reg-42'],
    ]);
    const items = childrenNamed(tx, 'item');
    expect(items.map((i) => textOf(firstChild(i, 'cd')))).toEqual(['vaccine', 'adr']);
    expect(names(items[1])).toEqual(['id', 'cd', 'content']);
    const text = pathFirst(items[1], 'content', 'text')!;
    expect([attr(text, 'L'), text.text]).toEqual(['fr', 'Rougeur\nfièvre']);
  });

  it('is deterministic', () => {
    for (const c of BUILD_CASES) expect(buildVaccinationKmehr(c.input, c.options)).toBe(buildVaccinationKmehr(c.input, c.options));
  });

  it.each([
    [1, '1'],
    [10, '10'],
    [0.5, '0.5'],
    [0.001, '0.001'],
    [1.25, '1.25'],
    [2.1, '2.1'],
  ])('quantity %d is written %s', (q, text) => {
    expect(formatDecimal(q)).toBe(text);
  });
});

describe('buildVaccinationKmehr: escaping', () => {
  it('escapes markup in every text, and the parser reads back the exact text', () => {
    const input: RegistrationInput = {
      ...baseInput('flu'),
      patient: { insz: '85073003328', firstName: '</firstname><x>', familyName: '&amp; "q" \'a\'' },
      vaccinator: { riziv: '20807092001', firstName: "D'Artagnan <&>", familyName: ']]> & Fils' },
      pharmacy: { number: '80000551', name: 'Pharmacie <Centrale> & Co' },
      vaccine: { cnk: '4176053', name: '<?xml version="1.0"?><!DOCTYPE x>' },
      lot: '<batch>&#x41;</batch>',
    };
    const xml = buildVaccinationKmehr(input, baseOptions());
    expect(xml).toContain('<name>Pharmacie &lt;Centrale&gt; &amp; Co</name>');
    expect(xml).toContain('<familyname>]]&gt; &amp; Fils</familyname>');
    expect(xml).toContain('<familyname>&amp;amp; "q" \'a\'</familyname>');
    expect(xml).toContain('<batch>&lt;batch&gt;&amp;#x41;&lt;/batch&gt;</batch>');
    expect(xml).not.toContain('<x>');
    expect(xml).not.toContain('<!DOCTYPE');
    const root = tree(input);
    const patient = pathFirst(root, 'folder', 'patient')!;
    expect(textOf(firstChild(patient, 'firstname'))).toBe('</firstname><x>');
    expect(textOf(firstChild(patient, 'familyname'))).toBe('&amp; "q" \'a\'');
    const item = firstChild(transactionOf(root), 'item')!;
    expect(textOf(firstChild(item, 'batch'))).toBe('<batch>&#x41;</batch>');
    expect(textOf(pathFirst(item, 'content', 'medicinalproduct', 'intendedname'))).toBe('<?xml version="1.0"?><!DOCTYPE x>');
  });

  it('keeps accents and emoji as UTF-8 characters', () => {
    const xml = buildVaccinationKmehr(
      { ...baseInput('flu'), pharmacy: { number: '80000551', name: 'Pharmacie 💊 Françoise' } },
      baseOptions(),
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain('<name>Pharmacie 💊 Françoise</name>');
  });
});

describe('buildVaccinationKmehr: refusals', () => {
  it('refuses a covid vaccination without lot, with the issues and no message', () => {
    const input = { ...baseInput('covid') };
    delete input.lot;
    const e = buildError(input);
    expect(e.code).toBe('invalid-registration');
    expect(e.issues).toEqual([{ field: 'lot', reason: 'lot-required-for-covid' }]);
    expect(e.message).toBe('the registration is not valid: lot (lot-required-for-covid)');
  });

  it('refuses adverse events on a covid vaccination', () => {
    const e = buildError({ ...baseInput('covid'), adverseEvents: { text: 'fièvre', language: 'fr' } });
    expect(e.issues).toEqual([{ field: 'adverseEvents', reason: 'adverse-events-not-allowed-for-covid' }]);
  });

  it('checks the date against the Belgian date of `now`', () => {
    const input = { ...baseInput('flu'), administrationDate: '2026-10-15' };
    expect(buildError(input, baseOptions({ now: new Date('2026-10-14T21:59:59Z') })).issues).toEqual([
      { field: 'administrationDate', reason: 'date-in-future' },
    ]);
    expect(() => buildVaccinationKmehr(input, baseOptions({ now: new Date('2026-10-14T22:00:00Z') }))).not.toThrow();
  });

  it('error messages name fields and reasons, never values', () => {
    const e = buildError({
      ...baseInput('covid'),
      patient: { insz: '85073003329', firstName: 'Secret' },
      lot: undefined,
      vaccinator: { riziv: '20807092001', firstName: 'Marie\u0000', familyName: 'Exemple' },
    });
    expect(e.message).not.toMatch(/85073003329|Secret|Marie|Exemple|20807092001/);
    expect(e.issues.map((i) => i.field)).toEqual(['patient.insz', 'vaccinator.firstName', 'lot']);
  });

  it.each([
    ['an empty messageId', { messageId: '' }, 'messageId', 'required'],
    ['a messageId with a space', { messageId: 'a b' }, 'messageId', 'invalid-characters'],
    ['a messageId of 65 characters', { messageId: 'a'.repeat(65) }, 'messageId', 'too-long'],
    ['a registrationId with markup', { registrationId: '<x>' }, 'registrationId', 'invalid-characters'],
    ['an invalid date', { now: new Date('x') }, 'now', 'invalid-date'],
    ['an unknown target', { target: 'vitalink' as never }, 'target', 'not-allowed-value'],
    ['an unknown standard', { standard: '20990101' as never }, 'standard', 'not-allowed-value'],
    ['a blank software name', { software: { name: ' ', version: '1' } }, 'software.name', 'required'],
    ['a software version with a line break', { software: { name: 'x', version: '1\n2' } }, 'software.version', 'invalid-characters'],
  ])('refuses options with %s', (_label, overrides, field, reason) => {
    const e = buildError(baseInput('flu'), baseOptions(overrides as Partial<VaccinationKmehrOptions>));
    expect(e.code).toBe('invalid-options');
    expect(e.issues).toEqual([{ field, reason }]);
  });
});
