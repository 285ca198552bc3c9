import { describe, expect, it } from 'vitest';
import { parseKmehrMessage, type KmehrParseResult } from '../../../lib/kmehr/parse.ts';
import { loadCatalog } from '../../../lib/vaccines/catalog.ts';
import { VaccinationRecord } from '../../../lib/vaccination.ts';
import { readOwn } from './fixtures.ts';
import {
  PHARMACIST,
  PHARMACY,
  PUBLIC_HEALTH,
  RSW_HUB,
  folder,
  item,
  message,
  simpleMessage,
  transaction,
  withNamespace,
  type NamespaceStyle,
} from './message.ts';

function parsed(xml: string, opts?: Parameters<typeof parseKmehrMessage>[1]): KmehrParseResult {
  const r = parseKmehrMessage(xml, opts);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.reason}`);
  for (const record of r.value.records) expect(VaccinationRecord.parse(record)).toEqual(record);
  return r.value;
}

const STYLES: NamespaceStyle[] = ['none', 'default', 'prefixed'];

describe('pharmacy-vaccinations.xml (hand-made, KMEHR 1.43)', () => {
  const xml = readOwn('pharmacy-vaccinations.xml');

  it('gives three records: flu by a pharmacist, covid dated by its transaction, a cancelled flu in a heading', () => {
    const out = parsed(xml);
    expect(out.patientInsz).toBe('85073003328');
    expect(out.warnings).toEqual([]);
    expect(out.records).toHaveLength(3);
    const [flu, covid, cancelled] = out.records;
    expect(flu).toMatchObject({
      patientInsz: '85073003328',
      date: '2026-10-14',
      dateFrom: 'item',
      reportedOn: '2026-10-14',
      cnk: '0999995',
      cnkValid: true,
      name: 'TEST FLU VACCINE 0,5ML (synthetic)',
      indications: ['seasonalinfluenza'],
      disease: 'flu',
      classifiedBy: 'indication',
      lifecycle: 'administrated',
      quantity: 1,
      lot: 'AB1234',
      vaccinator: { riziv: '20807092001', rizivValid: true, role: 'perspharmacist', name: 'Marie Exemple' },
      organisation: { id: '80000551', type: 'orgpharmacy', name: 'Pharmacie du Test' },
      transactionIds: [
        { s: 'ID-KMEHR', value: '1' },
        { s: 'LOCAL', sl: 'RSWID', value: 'TX-2026-0001' },
      ],
    });
    expect(covid).toMatchObject({
      date: '2026-01-20',
      dateFrom: 'transaction',
      reportedOn: '2026-01-20',
      atc: ['J07BN01'],
      vaccinnetCode: 'Covid-19/PFBNT001',
      disease: 'covid',
      classifiedBy: 'atc',
      // No intendedname: the catalog knows the Vaccinnet product code.
      name: 'Comirnaty (1 dosis)',
      quantity: 0.3,
      lot: 'CV-998877',
      vaccinator: { riziv: '10000106999', rizivValid: true, role: 'persphysician', name: 'Dr Test Generaliste' },
    });
    expect(covid!.organisation).toBeUndefined();
    expect(cancelled).toMatchObject({
      date: '2020-10-20',
      reportedOn: '2020-10-21',
      cnk: '4176053',
      lifecycle: 'cancelled',
      disease: 'flu',
      classifiedBy: 'catalog',
      vaccinator: { riziv: '12345678901', rizivValid: false, role: 'persnurse', name: 'Anne Infirmiere' },
    });
    expect(new Set(out.records.map((r) => r.id)).size).toBe(3);
  });

  it.each(STYLES)('reads the same records with namespace style "%s"', (style) => {
    const reference = parsed(xml).records;
    const variant = withNamespace(xml, style);
    if (style === 'prefixed') expect(variant).toContain('<ns2:item>');
    if (style === 'none') expect(variant).not.toContain('xmlns');
    expect(parsed(variant).records).toEqual(reference);
  });

  it('reads the same records with a byte order mark', () => {
    expect(parsed(`\uFEFF${xml}`).records).toEqual(parsed(xml).records);
  });

  it('gives the same ids every time (stable across fetches)', () => {
    expect(parsed(xml).records.map((r) => r.id)).toEqual(parsed(xml).records.map((r) => r.id));
  });

  it('never throws on any truncation of the message, and never returns a partial result', () => {
    const body = xml.trimEnd();
    for (let cut = 1; cut < body.length; cut += 37) {
      const r = parseKmehrMessage(body.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['malformed', 'empty']).toContain(r.error.code);
    }
  });

  it('respects a byte cap', () => {
    const r = parseKmehrMessage(xml, { maxBytes: 1000 });
    expect(r).toEqual({ ok: false, error: { code: 'too-large', reason: 'the document is larger than the 1000-byte limit' } });
  });
});

describe('parseKmehrMessage: structure', () => {
  it.each(STYLES)('reads several folders, transactions, items and contents (%s)', (style) => {
    const xml = message(
      [
        folder([
          transaction({
            ids: '<id S="ID-KMEHR" SV="1.0">1</id><id S="LOCAL" SL="RSWID" SV="1.0">A</id>',
            items: [item({ position: 1, indications: ['seasonalinfluenza'], cnk: '0999995', name: 'FLU' }), item({ position: 2, atc: ['J07BN01'] })],
          }),
          transaction({ ids: '<id S="ID-KMEHR" SV="1.0">2</id><id S="LOCAL" SL="RSWID" SV="1.0">B</id>', items: [item({ indications: ['tetanus', 'diphteria'] })] }),
        ]),
        folder([transaction({ items: [item({ vaccinnetCode: 'FLU/GL014' })] })], '17073003384'),
      ],
      style,
    );
    const out = parsed(xml);
    expect(out.records.map((r) => [r.patientInsz, r.disease, r.classifiedBy])).toEqual([
      ['85073003328', 'flu', 'indication'],
      ['85073003328', 'covid', 'atc'],
      ['85073003328', 'other', 'indication'],
      ['17073003384', 'flu', 'vaccinnet-code'],
    ]);
    expect(out.records[2]!.indications).toEqual(['tetanus', 'diphteria']);
    expect(out.patientInsz).toBeUndefined();
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'several-patients', dropped: false })]);
  });

  it('reads several codes in one content, and the older CD-VACCINE table', () => {
    const xml = simpleMessage([
      '<item><id S="ID-KMEHR" SV="1.0">1</id><cd S="CD-ITEM" SV="1.0">vaccine</cd>' +
        '<content><cd S="CD-VACCINE" SV="1.0">influenza</cd><cd S="CD-ATC" SV="1.0">J07BB02</cd><cd S="CD-ATC" SV="1.0">J07BB02</cd></content>' +
        '<beginmoment><date>2026-10-01</date></beginmoment></item>',
    ]);
    const [r] = parsed(xml).records;
    expect(r).toMatchObject({ indications: ['influenza'], atc: ['J07BB02'], disease: 'flu', classifiedBy: 'indication' });
  });

  it('skips transactions that are not vaccinations and hold no vaccine item, silently', () => {
    const xml = message([folder([transaction({ type: 'contactreport', items: [item({ itemType: 'medication' })] }), transaction({ items: [item({ atc: ['J07BB02'] })] })])]);
    const out = parsed(xml);
    expect(out.records).toHaveLength(1);
    expect(out.warnings).toEqual([]);
  });

  it('reads a transaction with no CD-TRANSACTION at all when it holds vaccine items, and says so', () => {
    const out = parsed(simpleMessage([item({ atc: ['J07BB02'] })], { type: null }));
    expect(out.records).toHaveLength(1);
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'transaction-code-empty' })]);
  });

  it('reports vaccine items of a non-vaccination transaction as dropped', () => {
    const out = parsed(simpleMessage([item({ atc: ['J07BB02'] }), item({ position: 2, atc: ['J07BB02'] })], { type: 'sumehr' }));
    expect(out.records).toEqual([]);
    expect(out.warnings).toEqual([
      expect.objectContaining({ code: 'non-vaccination-transaction', dropped: true, reason: expect.stringContaining('2 vaccine item(s)') }),
    ]);
  });

  it('is not a KMEHR message when the root is something else', () => {
    expect(parseKmehrMessage('<Envelope><Body/></Envelope>')).toEqual({
      ok: false,
      error: { code: 'not-kmehr', reason: 'the document is not a KMEHR message (root element <Envelope>)' },
    });
  });

  it('says so when a message has no folder, or a folder no patient', () => {
    const noFolder = parsed(message([]));
    expect(noFolder.records).toEqual([]);
    expect(noFolder.warnings).toEqual([expect.objectContaining({ code: 'no-folder' })]);
    const noPatient = parsed(message([folder([transaction()], '')]));
    expect(noPatient.records).toHaveLength(1);
    expect(noPatient.records[0]!.patientInsz).toBeUndefined();
    expect(noPatient.warnings).toEqual([expect.objectContaining({ code: 'patient-missing', folder: 1 })]);
  });

  it('reads the patient from INSS when there is no ID-PATIENT, and normalises separators', () => {
    const xml = message([folder([transaction()])]).replace('<id S="ID-PATIENT" SV="1.0">85073003328</id>', '<id S="INSS" SV="1.0">85.07.30-033.28</id>');
    expect(parsed(xml).patientInsz).toBe('85073003328');
  });
});

describe('parseKmehrMessage: dates', () => {
  it.each([
    ['an item date', { date: '2026-10-14' }, { date: '2026-10-14', dateFrom: 'item' }],
    ['an item date with a time zone', { date: '2026-10-14+02:00' }, { date: '2026-10-14', dateFrom: 'item' }],
    ['an item date in UTC', { date: '2026-10-14Z' }, { date: '2026-10-14', dateFrom: 'item' }],
    ['no beginmoment', { date: null }, { date: '2026-10-15', dateFrom: 'transaction' }],
    ['an empty beginmoment date', { beginmoment: '<date>  </date>' }, { date: '2026-10-15', dateFrom: 'transaction' }],
    ['a leap day', { date: '2028-02-29' }, { date: '2028-02-29', dateFrom: 'item' }],
  ])('uses %s', (_label, spec, expected) => {
    const [r] = parsed(simpleMessage([item(spec)])).records;
    expect(r).toMatchObject({ ...expected, reportedOn: '2026-10-15' });
  });

  it.each([
    ['an impossible date', '2026-02-30', 'item-invalid-date', /does not exist/],
    ['a non-leap 29 February', '2027-02-29', 'item-invalid-date', /does not exist/],
    ['month 13', '2026-13-01', 'item-invalid-date', /does not exist/],
    ['a date and time', '2026-10-14T10:00:00', 'item-invalid-date', /YYYY-MM-DD/],
    ['a Belgian date', '14/10/2026', 'item-invalid-date', /YYYY-MM-DD/],
    ['a year 0001', '0001-01-01', 'item-invalid-date', /1900-2199/],
  ])('drops an item with %s, with a typed warning, never a made-up date', (_label, date, code, reason) => {
    const out = parsed(simpleMessage([item({ date }), item({ position: 2, date: '2026-10-01', atc: ['J07BB02'] })]));
    expect(out.records.map((r) => r.date)).toEqual(['2026-10-01']);
    expect(out.warnings).toEqual([expect.objectContaining({ code, dropped: true, folder: 1, transaction: 1, item: 1 })]);
    expect(out.warnings[0]!.reason).toMatch(reason);
  });

  it('drops an item whose beginmoment gives only a year or a month', () => {
    for (const begin of ['<year>2026</year>', '<yearmonth>2026-10</yearmonth>']) {
      const out = parsed(simpleMessage([item({ beginmoment: begin })]));
      expect(out.records).toEqual([]);
      expect(out.warnings).toEqual([expect.objectContaining({ code: 'item-imprecise-date', dropped: true })]);
    }
  });

  it('drops an item with no date when the transaction has none either', () => {
    const out = parsed(simpleMessage([item({ date: null })], { date: null }));
    expect(out.records).toEqual([]);
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'item-missing-date', dropped: true, item: 1 })]);
  });

  it('keeps an item with its own date when the transaction date is impossible, without reportedOn', () => {
    const out = parsed(simpleMessage([item({ date: '2026-10-14' })], { date: '2026-02-30' }));
    expect(out.records).toHaveLength(1);
    expect(out.records[0]!.reportedOn).toBeUndefined();
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'transaction-invalid-date', dropped: false })]);
  });
});

describe('parseKmehrMessage: item values', () => {
  it('left-pads a short CNK and keeps one that fails its check digit, marked', () => {
    const out = parsed(simpleMessage([item({ cnk: '61358', name: 'ENGERIX B 20' }), item({ position: 2, cnk: '0999996', name: 'X' })]));
    expect(out.records[0]).toMatchObject({ cnk: '0061358', cnkValid: true, disease: 'other', classifiedBy: 'catalog' });
    expect(out.records[1]).toMatchObject({ cnk: '0999996', cnkValid: false });
    expect(out.warnings).toEqual([]);
  });

  it('keeps an item whose CNK is unusable, without a CNK, with a warning', () => {
    const out = parsed(simpleMessage([item({ cnk: 'ABC123', name: 'Influvac Tetra' })]));
    expect(out.records[0]!.cnk).toBeUndefined();
    expect(out.records[0]).toMatchObject({ disease: 'flu', classifiedBy: 'name' });
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'cnk-unusable', dropped: false })]);
  });

  it('trims values and treats blank ones as absent', () => {
    const out = parsed(simpleMessage([item({ cnk: ' 0999995 ', name: '  Test  ', lot: '   ', text: ' ', quantity: ' 2 ', lifecycle: ' administrated ' })]));
    const [r] = out.records;
    expect(r).toMatchObject({ cnk: '0999995', name: 'Test', quantity: 2, lifecycle: 'administrated' });
    expect(r!.lot).toBeUndefined();
  });

  it('keeps an item whose quantity is not a number, without a quantity, with a warning', () => {
    const out = parsed(simpleMessage([item({ quantity: 'one' })]));
    expect(out.records[0]!.quantity).toBeUndefined();
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'quantity-unusable', dropped: false })]);
  });

  it('keeps cancelled and other lifecycles as given (the merge decides)', () => {
    const out = parsed(simpleMessage(['cancelled', 'administrated', 'refused'].map((lifecycle, i) => item({ position: i + 1, lifecycle }))));
    expect(out.records.map((r) => r.lifecycle)).toEqual(['cancelled', 'administrated', 'refused']);
  });

  it('names the vaccine from intendedname, else the catalog, else the item text', () => {
    const out = parsed(
      simpleMessage([
        item({ cnk: '4176053', name: 'AS WRITTEN' }),
        '<item><id S="ID-KMEHR" SV="1.0">2</id><cd S="CD-ITEM" SV="1.0">vaccine</cd><content><medicinalproduct><intendedcd S="CD-DRUG-CNK" SV="1">4176053</intendedcd></medicinalproduct></content><beginmoment><date>2026-10-01</date></beginmoment></item>',
        item({ position: 3, atc: ['J07BB02'], text: 'Grippe' }),
        item({ position: 4, atc: ['J07BB02'] }),
      ]),
    );
    expect(out.records.map((r) => r.name)).toEqual(['AS WRITTEN', 'ALPHARIX TETRA 0,5ML SPUITAMP 2020', 'Grippe', undefined]);
  });

  it('uses a custom catalog when given one', () => {
    const catalog = loadCatalog({
      version: 1,
      sources: { test: 'test' },
      entries: [{ cnk: '0999995', name: 'CUSTOM FLU', disease: 'flu', season: '2026-2027', atc: null, vaccinnetCode: null, manufacturer: null, source: 'test' }],
    });
    if (!catalog.ok) throw new Error(catalog.reason);
    const xml = simpleMessage(['<item><id S="ID-KMEHR" SV="1.0">1</id><cd S="CD-ITEM" SV="1.0">vaccine</cd><content><medicinalproduct><intendedcd S="CD-DRUG-CNK" SV="1">0999995</intendedcd></medicinalproduct></content><beginmoment><date>2026-10-01</date></beginmoment></item>']);
    expect(parsed(xml).records[0]).toMatchObject({ disease: 'other', classifiedBy: 'none' });
    expect(parsed(xml, { catalog: catalog.catalog }).records[0]).toMatchObject({ name: 'CUSTOM FLU', disease: 'flu', classifiedBy: 'catalog' });
  });

  it('ignores elements named __proto__ or constructor inside an item and pollutes nothing', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const out = parsed(simpleMessage([item({ atc: ['J07BB02'], extra: '<__proto__><polluted>1</polluted></__proto__><constructor prototype="x"/>' })]));
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ disease: 'flu' });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseKmehrMessage: who vaccinated', () => {
  it('takes the person and the organisation of the transaction author', () => {
    const [r] = parsed(simpleMessage([item()], { author: PHARMACY + PHARMACIST })).records;
    expect(r!.vaccinator).toEqual({ riziv: '20807092001', rizivValid: true, role: 'perspharmacist', name: 'Marie Exemple' });
    expect(r!.organisation).toEqual({ id: '80000551', type: 'orgpharmacy', name: 'Pharmacie du Test' });
  });

  it('has no vaccinator for a record relayed by the hub; the public-health organisation is the organisation', () => {
    const [r] = parsed(simpleMessage([item()], { author: RSW_HUB + PUBLIC_HEALTH })).records;
    expect(r!.vaccinator).toBeUndefined();
    expect(r!.organisation).toEqual({ id: '0316380940', type: 'orgpublichealth', name: 'AVIQ' });
  });

  it('falls back to the hub as organisation when the relay names no other organisation', () => {
    const [r] = parsed(simpleMessage([item()], { author: RSW_HUB })).records;
    expect(r!.vaccinator).toBeUndefined();
    expect(r!.organisation).toEqual({ id: '1990000035', type: 'hub', name: 'RSW' });
  });

  it('recognises the hub by its number even without CD-HCPARTY hub', () => {
    const hubAsOrg = '<hcparty><id S="ID-HCPARTY" SV="1.0">1990000728</id><cd S="CD-HCPARTY" SV="1.1">orgpublichealth</cd><name>RSB</name></hcparty>';
    const [r] = parsed(simpleMessage([item()], { author: hubAsOrg + PUBLIC_HEALTH }), { hub: 'rsb' }).records;
    expect(r!.organisation).toMatchObject({ name: 'AVIQ' });
  });

  it("prefers the item's own author", () => {
    const nurse = '<hcparty><id S="ID-HCPARTY" SV="1.0">10000106999</id><cd S="CD-HCPARTY" SV="1.1">persnurse</cd><name>Nurse</name></hcparty>';
    const [r] = parsed(simpleMessage([item({ author: `<author>${nurse}</author>` })], { author: RSW_HUB + PUBLIC_HEALTH })).records;
    expect(r!.vaccinator).toEqual({ riziv: '10000106999', rizivValid: true, role: 'persnurse', name: 'Nurse' });
    expect(r!.organisation).toMatchObject({ name: 'AVIQ' });
  });

  it('marks a RIZIV that fails its check, and keeps it', () => {
    const bad = PHARMACIST.replace('20807092001', '12345678901');
    const [r] = parsed(simpleMessage([item()], { author: bad })).records;
    expect(r!.vaccinator).toMatchObject({ riziv: '12345678901', rizivValid: false });
  });
});

describe('parseKmehrMessage: record ids', () => {
  it('hashes the identifying transaction ids and the item position: stable, unique, no INSZ inside', () => {
    const ids = '<id S="ID-KMEHR" SV="1.0">1</id><id S="LOCAL" SL="vitalinkuri" SV="1.0">/subject/85073003328/vaccination/X/1</id>';
    const a = parsed(simpleMessage([item(), item({ position: 2 })], { ids })).records;
    expect(a[0]!.id).toMatch(/^kmehr-t-[0-9a-f]{16}$/);
    expect(a[0]!.id).not.toBe(a[1]!.id);
    expect(a.every((r) => !r.id.includes('85073003328'))).toBe(true);
    // Same ids in another order, another ID-KMEHR sequence number, another transaction date: same id.
    const reordered = '<id S="LOCAL" SL="vitalinkuri" SV="1.0">/subject/85073003328/vaccination/X/1</id><id S="ID-KMEHR" SV="1.0">7</id>';
    const b = parsed(simpleMessage([item(), item({ position: 2 })], { ids: reordered, date: '2026-10-16' })).records;
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    // Another vault id: another record id.
    const other = parsed(simpleMessage([item()], { ids: ids.replace('/X/1', '/X/2') })).records[0]!;
    expect(other.id).not.toBe(a[0]!.id);
  });

  it('hashes the content when the transaction has only message-local ID-KMEHR ids', () => {
    const ids = '<id S="ID-KMEHR" SV="1.0">1</id>';
    const one = parsed(simpleMessage([item({ cnk: '0999995', name: 'A' })], { ids })).records[0]!;
    const again = parsed(simpleMessage([item({ cnk: '0999995', name: 'A' })], { ids })).records[0]!;
    const otherCnk = parsed(simpleMessage([item({ cnk: '4176053', name: 'A' })], { ids })).records[0]!;
    const otherDate = parsed(simpleMessage([item({ cnk: '0999995', name: 'A', date: '2026-10-13' })], { ids })).records[0]!;
    expect(one.id).toMatch(/^kmehr-c-[0-9a-f]{16}$/);
    expect(again.id).toBe(one.id);
    expect(new Set([one.id, otherCnk.id, otherDate.id]).size).toBe(3);
  });
});
