import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultCatalog,
  findByCnk,
  findByVaccinnetCode,
  loadCatalog,
  vaccinesForSeason,
  type CatalogEntry,
} from '../../../lib/vaccines/catalog.ts';
import {
  buildCatalog,
  CSV_SOURCE_KEY,
  DEFAULT_CSV,
  DEFAULT_OUT,
  entriesFromCsv,
  parseCsv,
  serialiseCatalog,
} from '../../../scripts/build-catalog.ts';
import { readPublic } from '../kmehr/fixtures.ts';

const CATALOG_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../lib/vaccines/catalog.json');

const entry = (over: Partial<CatalogEntry> = {}): CatalogEntry => ({
  cnk: '0999995',
  name: 'TEST',
  disease: 'flu',
  season: '2026-2027',
  atc: 'J07BB02',
  vaccinnetCode: null,
  manufacturer: null,
  source: 'manual',
  ...over,
});
const file = (entries: unknown[], extra: Record<string, unknown> = {}) => ({ version: 1, sources: { manual: 'by hand' }, entries, ...extra });

describe('the bundled catalog (lib/vaccines/catalog.json)', () => {
  it('loads and validates', () => {
    expect(defaultCatalog.entries).toHaveLength(136);
    expect(defaultCatalog.byCnk.size).toBe(73);
    expect(Object.keys(defaultCatalog.sources)).toContain(CSV_SOURCE_KEY);
  });

  it('is exactly what scripts/build-catalog.ts produces from the public CSV (run it after changing the CSV)', () => {
    const text = readFileSync(CATALOG_FILE, 'utf8');
    expect(DEFAULT_OUT).toBe(CATALOG_FILE);
    expect(serialiseCatalog(buildCatalog(readFileSync(DEFAULT_CSV, 'utf8'), JSON.parse(text)))).toBe(text);
  });

  it('invents no CNK: every CNK credited to the CSV is in the CSV', () => {
    const csvCnks = new Set(entriesFromCsv(readPublic('codes/vaccincodes.sheet1.csv')).entries.map((e) => e.cnk));
    const credited = defaultCatalog.entries.filter((e) => e.source === CSV_SOURCE_KEY && e.cnk !== null);
    expect(credited.length).toBe(73);
    expect(credited.filter((e) => !csvCnks.has(e.cnk))).toEqual([]);
  });

  it('has no flu vaccine for the 2025-2026 or 2026-2027 season (no public source lists their CNKs)', () => {
    expect(vaccinesForSeason('2025-2026')).toEqual([]);
    expect(vaccinesForSeason('2026-2027')).toEqual([]);
  });

  it('lists the 2020-2021 flu vaccines of the public mapping', () => {
    expect(vaccinesForSeason('2020-2021').map((e) => [e.cnk, e.name])).toEqual([
      ['4176053', 'ALPHARIX TETRA 0,5ML SPUITAMP 2020'],
      ['4172672', 'INFLUVAC TETRA 0,5ML SPUITAMP 2020'],
      ['4185492', 'VAXIGRIP TETRA 0,5ML SPUITAMP 2020'],
    ]);
    expect(vaccinesForSeason('2009-2010').map((e) => e.name)).toEqual(['PANDEMRIX 2009']);
  });
});

describe('lookups', () => {
  it.each([
    ['4176053', 'ALPHARIX TETRA 0,5ML SPUITAMP 2020'],
    [' 4176053 ', 'ALPHARIX TETRA 0,5ML SPUITAMP 2020'],
    ['61358', 'ENGERIX B 20 SER IM 1 ML'],
    ['0061358', 'ENGERIX B 20 SER IM 1 ML'],
    ['2656 544', 'PANDEMRIX 2009'],
    ['0999995', undefined],
    ['abc', undefined],
    ['', undefined],
    ['12345678', undefined],
  ])('findByCnk(%j) → %j', (cnk, name) => {
    expect(findByCnk(cnk)?.name).toBe(name);
  });

  it.each([
    ['FLU/GL014', '4176053'],
    ['flu/gl014', '4176053'],
    [' Covid-19/PFBNT001 ', '4293254'],
    ['COVID-19/MDRNA001', '4301081'],
    ['HBV/AV003', '1657907'],
    ['HBV/UNKNOWN', null],
    ['FLU', null],
  ])('findByVaccinnetCode(%j) → CNK %j', (code, cnk) => {
    expect(findByVaccinnetCode(code)?.cnk).toBe(cnk);
  });

  it('finds the antigen group of an unknown product code, and nothing for an unknown group', () => {
    expect(findByVaccinnetCode('HBV/UNKNOWN')).toMatchObject({ vaccinnetCode: 'HBV', disease: 'other' });
    expect(findByVaccinnetCode('ZZZ/1')).toBeUndefined();
    expect(findByVaccinnetCode('  ')).toBeUndefined();
  });
});

describe('loadCatalog', () => {
  it('accepts a replacement catalog and indexes it', () => {
    const r = loadCatalog(file([entry(), entry({ cnk: null, vaccinnetCode: 'FLU/NEW', name: 'NEW' })]));
    if (!r.ok) throw new Error(r.reason);
    expect(findByCnk('999995', r.catalog)?.name).toBe('TEST');
    expect(findByVaccinnetCode('flu/new', r.catalog)?.name).toBe('NEW');
    expect(vaccinesForSeason('2026-2027', r.catalog)).toHaveLength(2);
    expect(findByCnk('4176053', r.catalog)).toBeUndefined();
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'nope', /invalid vaccine catalog/],
    ['another version', file([], { version: 2 }), /version/],
    ['a CNK of 6 digits', file([entry({ cnk: '999995' })]), /entries\.0\.cnk: a CNK is 7 digits/],
    ['a CNK twice', file([entry(), entry({ name: 'B' })]), /entries\.1\.cnk: CNK 0999995 appears twice/],
    ['a season for a covid vaccine', file([entry({ disease: 'covid' })]), /only flu vaccines have a season/],
    ['a season of three years', file([entry({ season: '2026-2028' })]), /consecutive years/],
    ['a season written otherwise', file([entry({ season: '26-27' })]), /YYYY-YYYY/],
    ['neither CNK nor Vaccinnet code', file([entry({ cnk: null })]), /needs a CNK or a Vaccinnet code/],
    ['an unknown disease', file([entry({ disease: 'measles' as never })]), /disease/],
    ['an unknown source', file([entry({ source: 'rumour' })]), /unknown source "rumour"/],
    ['an unknown field', file([{ ...entry(), price: 12 }]), /entries\.0/],
    ['a bad ATC', file([entry({ atc: 'flu' })]), /not an ATC code/],
    ['an empty name', file([entry({ name: '  ' })]), /entries\.0\.name/],
  ])('refuses %s with a reason', (_label, json, reason) => {
    const r = loadCatalog(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('scripts/build-catalog.ts', () => {
  it('parses RFC 4180 CSV: quotes, doubled quotes, commas, CRLF', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '', '3'],
    ]);
  });

  it('refuses a CSV with other columns', () => {
    expect(() => entriesFromCsv('CNK,name\n1,2\n')).toThrow(/unexpected CSV header/);
  });

  it('keeps hand-added entries when regenerating, and their sources', () => {
    const csv = readPublic('codes/vaccincodes.sheet1.csv');
    const existing = { version: 1, sources: { [CSV_SOURCE_KEY]: 'old text', manual: 'by hand', leaflet: 'package leaflet' }, entries: [entry({ source: 'leaflet' })] };
    const built = buildCatalog(csv, existing);
    expect(built.entries).toHaveLength(137);
    expect(built.entries.at(-1)).toEqual(entry({ source: 'leaflet' }));
    expect(built.sources.leaflet).toBe('package leaflet');
    expect(built.sources[CSV_SOURCE_KEY]).not.toBe('old text');
    expect(loadCatalog(built).ok).toBe(true);
  });

  it('refuses to regenerate over an invalid catalog, and refuses a hand-added CNK the CSV already has', () => {
    const csv = readPublic('codes/vaccincodes.sheet1.csv');
    expect(() => buildCatalog(csv, { version: 1, entries: 'x' })).toThrow(/not valid/);
    expect(() => buildCatalog(csv, file([entry({ cnk: '4176053' })]))).toThrow(/appears twice/);
  });

  it('derives disease and season from the CSV and cross-checks them with the ATC', () => {
    const header = 'CNK,MPPNM,firma,code in Vaccinnet,vaccinatie tegen,VACCINNET-OMSCHRIJVING,ATC,vermelding ATC\n';
    const { entries } = entriesFromCsv(`${header}0999995,"NEW FLU 2026",X,FLU/X1,griep,New,J07BB02,flu\n`);
    expect(entries).toEqual([
      { cnk: '0999995', name: 'NEW FLU 2026', disease: 'flu', season: '2026-2027', atc: 'J07BB02', vaccinnetCode: 'FLU/X1', manufacturer: 'X', source: CSV_SOURCE_KEY },
    ]);
    expect(() => entriesFromCsv(`${header}0999995,X,X,X/1,griep,X,J07BN01,x\n`)).toThrow(/ATC J07BN01 says covid/);
  });
});
