/**
 * Every file of the public KMEHR fixtures (test/fixtures/kmehr/public-kmehr,
 * an unmodified copy of the team's shared fixtures; XSDs and README aside)
 * states here exactly what it must produce.
 */
import { describe, expect, it } from 'vitest';
import { readVaccineItem } from '../../../lib/kmehr/item.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import { VaccinationRecord } from '../../../lib/vaccination.ts';
import { entriesFromCsv } from '../../../scripts/build-catalog.ts';
import { parseXml } from '../../../lib/xml/parse.ts';
import { descendantsNamed } from '../../../lib/xml/tree.ts';
import { PUBLIC_FIXTURES, listFiles, readPublic } from './fixtures.ts';

function parseOk(path: string) {
  const result = parseKmehrMessage(readPublic(path));
  if (!result.ok) throw new Error(`${path}: ${result.error.code} ${result.error.reason}`);
  for (const r of result.value.records) expect(VaccinationRecord.safeParse(r).success).toBe(true);
  return result.value;
}

const VITALINK_ORG = { id: '12345678901', type: 'orgpublichealth', name: 'VLAAMS AGENTSCHAP ZORG EN GEZONDHEID' };
const PLACEHOLDER_INSZ = '90010100101';

/** What each fixture must produce (one entry per file, checked below). */
const COVERED = new Set<string>();
const covers = (path: string) => {
  COVERED.add(path);
  return path;
};

describe('freehealth-connector fixtures', () => {
  it(covers('freehealth-connector/addvaccination.xml') + ': one Infanrix Hexa record despite the empty CD-TRANSACTION and no namespace', () => {
    const out = parseOk('freehealth-connector/addvaccination.xml');
    expect(out.patientInsz).toBe('72022102793');
    expect(out.records).toHaveLength(1);
    const [r] = out.records;
    expect(r).toMatchObject({
      patientInsz: '72022102793',
      date: '2021-03-25',
      dateFrom: 'item',
      reportedOn: '2021-03-25',
      cnk: '1665363',
      cnkValid: true,
      name: 'INFANRIX HEXA DOS 1 SUSP INJ IM 0,5',
      disease: 'other',
      classifiedBy: 'catalog',
      lot: 'LTNR123',
      quantity: 1,
      atc: [],
      indications: [],
      transactionIds: [{ s: 'ID-KMEHR', value: '1' }],
      vaccinator: { riziv: '14700250004', rizivValid: true, role: 'persphysician', name: 'Veerle Piessens' },
    });
    expect(r!.lifecycle).toBeUndefined();
    expect(r!.organisation).toBeUndefined();
    // Only a message-local ID-KMEHR id: the record id is a content hash.
    expect(r!.id).toMatch(/^kmehr-c-[0-9a-f]{16}$/);
    expect(out.warnings).toEqual([
      expect.objectContaining({ code: 'transaction-code-empty', dropped: false, folder: 1, transaction: 1 }),
    ]);
  });

  it(covers('freehealth-connector/sumehr.xml') + ': no record; its two vaccine items are reported as skipped (a sumehr is not a vaccination)', () => {
    const out = parseOk('freehealth-connector/sumehr.xml');
    expect(out.records).toEqual([]);
    expect(out.patientInsz).toBe('74010414733');
    expect(out.warnings).toEqual([
      expect.objectContaining({ code: 'non-vaccination-transaction', dropped: true, folder: 1, transaction: 1 }),
    ]);
    expect(out.warnings[0]!.reason).toContain('2 vaccine item(s)');
    expect(out.warnings[0]!.reason).toContain('sumehr');
  });

  it('sumehr.xml: its vaccine items themselves read correctly when taken one by one (several codes in one content)', () => {
    const root = parseXml(readPublic('freehealth-connector/sumehr.xml'));
    if (!root.ok) throw new Error(root.error.reason);
    const vaccineItems = descendantsNamed(root.value, 'item').filter((i) =>
      i.children.some((c) => c.name === 'cd' && c.attrs.get('S') === 'CD-ITEM' && c.text === 'vaccine'),
    );
    expect(vaccineItems).toHaveLength(2);
    const ctx = { transactionIds: [], author: { relayedByHub: false } };
    const boostrix = readVaccineItem(vaccineItems[0]!, { ...ctx, itemPosition: 3 }).record;
    expect(boostrix).toMatchObject({
      date: '2014-02-10',
      indications: ['pertussis', 'tetanus', 'diphteria'],
      atc: ['J07AJ52'],
      lifecycle: 'active',
      disease: 'other',
      classifiedBy: 'indication',
    });
    const polio = readVaccineItem(vaccineItems[1]!, { ...ctx, itemPosition: 4 }).record;
    expect(polio).toMatchObject({ date: '2014-02-10', indications: ['poliomyelitis'], disease: 'other', classifiedBy: 'indication' });
    expect(polio!.name).toBeUndefined();
  });
});

describe('vitalink-evs fixtures (vault records relayed by the hub)', () => {
  const relayed = {
    patientInsz: PLACEHOLDER_INSZ,
    organisation: VITALINK_ORG,
  };

  const placeholderWarning = expect.objectContaining({ code: 'patient-insz-invalid', dropped: false, folder: 1 });

  it(covers('vitalink-evs/vaccination-with-cdatc-and-batch.xml') + ': one covid record by ATC J07BX03, lot 12345678', () => {
    const out = parseOk('vitalink-evs/vaccination-with-cdatc-and-batch.xml');
    expect(out.records).toHaveLength(1);
    const [r] = out.records;
    expect(r).toMatchObject({
      ...relayed,
      date: '2020-12-15',
      dateFrom: 'item',
      reportedOn: '2020-12-16',
      disease: 'covid',
      classifiedBy: 'atc',
      atc: ['J07BX03'],
      name: 'Covid-19 vaccines',
      lifecycle: 'administrated',
      quantity: 1,
      lot: '12345678',
      transactionIds: [
        { s: 'ID-KMEHR', value: '1' },
        { s: 'LOCAL', sl: 'vitalinkuri', value: `/subject/${PLACEHOLDER_INSZ}/vaccination/6840A9C6578D453BAC07795069378521/2` },
      ],
    });
    expect(r!.cnk).toBeUndefined();
    expect(r!.vaccinator).toBeUndefined();
    expect(r!.id).toMatch(/^kmehr-t-[0-9a-f]{16}$/);
    expect(r!.id).not.toContain(PLACEHOLDER_INSZ);
    // The placeholder INSZ fails its check: kept as given, with a warning, no crash.
    expect(out.patientInsz).toBe(PLACEHOLDER_INSZ);
    expect(out.warnings).toEqual([placeholderWarning]);
    expect(out.warnings[0]!.reason).not.toContain(PLACEHOLDER_INSZ);
  });

  it(covers('vitalink-evs/vaccination-with-vaccinnetcode.xml') + ': coded HBV/AV003, so hepatitis B (other) although its text says "Covid-19 vaccines"', () => {
    const out = parseOk('vitalink-evs/vaccination-with-vaccinnetcode.xml');
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({
      ...relayed,
      date: '2020-08-17',
      reportedOn: '2020-12-11',
      vaccinnetCode: 'HBV/AV003',
      disease: 'other',
      classifiedBy: 'vaccinnet-code',
      // The catalog knows the Vaccinnet product code, so its name wins over the item text.
      name: 'HBVAXPRO 5UG/0,5ML FL IM 1 X 5 UG/0',
      lifecycle: 'administrated',
      quantity: 1,
    });
    expect(out.records[0]!.lot).toBeUndefined();
    expect(out.warnings).toEqual([placeholderWarning]);
  });

  for (const file of ['vaccination-with-medicinal-product.xml', 'vaccination-with-substance-product.xml']) {
    it(covers(`vitalink-evs/${file}`) + ': CNK 3926664 Alpharix Tetra 2019 (not in the 2020 catalog) is flu by its name', () => {
      const out = parseOk(`vitalink-evs/${file}`);
      expect(out.records).toHaveLength(1);
      expect(out.records[0]).toMatchObject({
        ...relayed,
        date: '2020-08-17',
        cnk: '3926664',
        cnkValid: true,
        name: 'ALPHARIX TETRA 0,5ML SPUITAMP 2019',
        disease: 'flu',
        classifiedBy: 'name',
        lifecycle: 'administrated',
        quantity: 1,
      });
      expect(out.warnings).toEqual([placeholderWarning]);
    });
  }

  it('the medicinal-product and substance-product files are byte-identical, so they give the same record id', () => {
    const a = parseOk('vitalink-evs/vaccination-with-medicinal-product.xml').records[0]!;
    const b = parseOk('vitalink-evs/vaccination-with-substance-product.xml').records[0]!;
    expect(a).toEqual(b);
  });

  it(covers('vitalink-evs/vaccination-with-encounterlocation.xml') + ': still one record: the encounterlocation item is not a vaccine', () => {
    const out = parseOk('vitalink-evs/vaccination-with-encounterlocation.xml');
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ ...relayed, date: '2020-08-17', cnk: '3926664', disease: 'flu' });
    // Same transaction id and item position as the medicinal-product file: same stable id.
    expect(out.records[0]!.id).toBe(parseOk('vitalink-evs/vaccination-with-medicinal-product.xml').records[0]!.id);
  });

  it(covers('vitalink-evs/vaccination-no-quantity.xml') + ': Tedivax 1077593 (other, by catalog), no lifecycle, no quantity', () => {
    const out = parseOk('vitalink-evs/vaccination-no-quantity.xml');
    expect(out.records).toHaveLength(1);
    const [r] = out.records;
    expect(r).toMatchObject({
      ...relayed,
      date: '2016-01-05',
      reportedOn: '2016-01-13',
      cnk: '1077593',
      cnkValid: true,
      name: 'TEDIVAX PRO ADULTO SER INJ 1X 0,5ML',
      disease: 'other',
      classifiedBy: 'catalog',
    });
    expect(r!.lifecycle).toBeUndefined();
    expect(r!.quantity).toBeUndefined();
  });

  it(covers('vitalink-evs/vaccination-with-unparsable-content.xml') + ': the feedback element and folder text are ignored; the covid record is read', () => {
    const out = parseOk('vitalink-evs/vaccination-with-unparsable-content.xml');
    expect(out.records).toHaveLength(1);
    const withBatch = parseOk('vitalink-evs/vaccination-with-cdatc-and-batch.xml').records[0]!;
    expect(out.records[0]).toEqual(withBatch);
  });

  it(covers('vitalink-evs/55-vaccination-all-parsable.item-fragment.xml') + ': not a message (not-kmehr); as an item, diphteria (other) by indication', () => {
    const xml = readPublic('vitalink-evs/55-vaccination-all-parsable.item-fragment.xml');
    const asMessage = parseKmehrMessage(xml);
    expect(asMessage).toEqual({ ok: false, error: { code: 'not-kmehr', reason: expect.stringContaining('<item>') } });
    const el = parseXml(xml);
    if (!el.ok) throw new Error(el.error.reason);
    const { record, warnings } = readVaccineItem(el.value, { transactionIds: [], author: { relayedByHub: false }, itemPosition: 1 });
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({
      date: '2006-01-17',
      dateFrom: 'item',
      cnk: '1077593',
      cnkValid: true,
      name: 'TEDIVAX PRO ADULTO SER INJ 0,5ML',
      indications: ['diphteria'],
      // "0123" is not an ATC code: kept as given, but it decides nothing.
      atc: ['0123'],
      disease: 'other',
      classifiedBy: 'indication',
    });
  });
});

describe('codes/', () => {
  it(covers('codes/vaccincodes.sheet1.csv') + ': 136 catalog entries (73 with a CNK), among them the 2020 flu vaccines and the two covid vaccines', () => {
    const { entries, cnkCheckFailures } = entriesFromCsv(readPublic('codes/vaccincodes.sheet1.csv'));
    expect(entries).toHaveLength(136);
    expect(entries.filter((e) => e.cnk !== null)).toHaveLength(73);
    expect(cnkCheckFailures).toEqual([]);
    const byCnk = (cnk: string) => entries.find((e) => e.cnk === cnk);
    expect(byCnk('4176053')).toMatchObject({ disease: 'flu', season: '2020-2021', vaccinnetCode: 'FLU/GL014' });
    expect(byCnk('4172672')).toMatchObject({ disease: 'flu', season: '2020-2021', vaccinnetCode: 'FLU/MY005' });
    expect(byCnk('4185492')).toMatchObject({ disease: 'flu', season: '2020-2021', vaccinnetCode: 'FLU/SB004' });
    expect(byCnk('4293254')).toMatchObject({ disease: 'covid', season: null, atc: 'J07BX03' });
    expect(byCnk('4301081')).toMatchObject({ disease: 'covid', season: null, vaccinnetCode: 'COVID-19/MDRNA001' });
    // "2656 544" in the sheet: the space is dropped.
    expect(byCnk('2656544')).toMatchObject({ name: 'PANDEMRIX 2009', disease: 'flu', season: '2009-2010' });
    // "69914": left-padded.
    expect(byCnk('0069914')).toMatchObject({ vaccinnetCode: 'TYF/QL001' });
  });
});

describe('coverage of the public fixtures', () => {
  it('every fixture file except the schemas and the README has a test above', () => {
    const files = listFiles(PUBLIC_FIXTURES).filter(
      (f) => !f.startsWith('xsd/') && !f.startsWith('ehealth-kmehr/') && !f.startsWith('external/') && f !== 'README.md',
    );
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(files.filter((f) => !COVERED.has(f))).toEqual([]);
  });
});
