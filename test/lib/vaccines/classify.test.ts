import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../lib/vaccines/catalog.ts';
import { PUBLIC_FIXTURES } from '../kmehr/fixtures.ts';
import { classifyVaccine, KNOWN_INDICATIONS, type Classification, type VaccineSignals } from '../../../lib/vaccines/classify.ts';

const c = (disease: Classification['disease'], classifiedBy: Classification['classifiedBy']): Classification => ({ disease, classifiedBy });

describe('classifyVaccine: each signal on its own', () => {
  it.each<[string, VaccineSignals, Classification]>([
    // 1. indications
    ['seasonalinfluenza', { indications: ['seasonalinfluenza'] }, c('flu', 'indication')],
    ['older CD-VACCINE influenza', { indications: ['influenza'] }, c('flu', 'indication')],
    ['covid19', { indications: ['covid19'] }, c('covid', 'indication')],
    ['indication in another case with spaces', { indications: [' SeasonalInfluenza '] }, c('flu', 'indication')],
    ['tetanus', { indications: ['tetanus'] }, c('other', 'indication')],
    ['several antigens, none flu/covid', { indications: ['pertussis', 'tetanus', 'diphteria'] }, c('other', 'indication')],
    ['several antigens with flu', { indications: ['tetanus', 'seasonalinfluenza'] }, c('flu', 'indication')],
    ['flu + covid combination counts as flu', { indications: ['covid19', 'seasonalinfluenza'] }, c('flu', 'indication')],
    ['covid among others', { indications: ['pneumonia20', 'covid19'] }, c('covid', 'indication')],
    ['pandemic influenza is not seasonal flu', { indications: ['pandemics'] }, c('other', 'indication')],
    ['unknown indication decides nothing', { indications: ['smallpox'] }, c('other', 'none')],
    ['blank indication decides nothing', { indications: ['  '] }, c('other', 'none')],
    // 2. ATC
    ['J07BB02 flu', { atc: ['J07BB02'] }, c('flu', 'atc')],
    ['J07BB flu (level 4)', { atc: ['J07BB'] }, c('flu', 'atc')],
    ['J07BX03 covid', { atc: ['J07BX03'] }, c('covid', 'atc')],
    ['J07BN01 covid (2024 ATC)', { atc: ['J07BN01'] }, c('covid', 'atc')],
    ['J07BN covid', { atc: ['j07bn'] }, c('covid', 'atc')],
    ['J07AJ52 pertussis', { atc: ['J07AJ52'] }, c('other', 'atc')],
    ['J07BX01 smallpox is not covid', { atc: ['J07BX01'] }, c('other', 'atc')],
    ['J07BX is ambiguous', { atc: ['J07BX'] }, c('other', 'none')],
    ['J07B is ambiguous', { atc: ['J07B'] }, c('other', 'none')],
    ['J07 is ambiguous', { atc: ['J07'] }, c('other', 'none')],
    ['not an ATC code ("0123")', { atc: ['0123'] }, c('other', 'none')],
    ['a non-vaccine ATC decides nothing', { atc: ['R01AD52'] }, c('other', 'none')],
    // 3. Vaccinnet codes
    ['FLU/GL014', { vaccinnetCode: 'FLU/GL014' }, c('flu', 'vaccinnet-code')],
    ['FLU/ unknown product', { vaccinnetCode: 'FLU/XX999' }, c('flu', 'vaccinnet-code')],
    ['FLU group', { vaccinnetCode: 'FLU' }, c('flu', 'vaccinnet-code')],
    ['Covid-19/PFBNT001', { vaccinnetCode: 'Covid-19/PFBNT001' }, c('covid', 'vaccinnet-code')],
    ['COVID-19/MDRNA001 upper case', { vaccinnetCode: 'COVID-19/MDRNA001' }, c('covid', 'vaccinnet-code')],
    ['covid-19/new lower case', { vaccinnetCode: 'covid-19/NEW001' }, c('covid', 'vaccinnet-code')],
    ['HBV/AV003 known product', { vaccinnetCode: 'HBV/AV003' }, c('other', 'vaccinnet-code')],
    ['HBV/ZZ999 known group', { vaccinnetCode: 'HBV/ZZ999' }, c('other', 'vaccinnet-code')],
    ['unknown code decides nothing', { vaccinnetCode: 'ZZZ/1' }, c('other', 'none')],
    // 4. catalog
    ['CNK of Alpharix Tetra 2020', { cnk: '4176053' }, c('flu', 'catalog')],
    ['CNK of Comirnaty', { cnk: '4293254' }, c('covid', 'catalog')],
    ['CNK of Engerix B, short form', { cnk: '61358' }, c('other', 'catalog')],
    ['unknown CNK decides nothing', { cnk: '0999995' }, c('other', 'none')],
    // 5. names
    ['Influvac', { name: 'INFLUVAC TETRA 0,5ML' }, c('flu', 'name')],
    ['Vaxigrip', { name: 'Vaxigrip Tetra' }, c('flu', 'name')],
    ['Efluelda', { name: 'EFLUELDA 0,7ML' }, c('flu', 'name')],
    ['Fluad', { name: 'Fluad Tetra' }, c('flu', 'name')],
    ['Alpharix', { name: 'ALPHARIX TETRA 0,5ML SPUITAMP 2019' }, c('flu', 'name')],
    ['grippe', { name: 'Vaccin contre la grippe' }, c('flu', 'name')],
    ['griep', { name: 'griep vaccin' }, c('flu', 'name')],
    ['influenza', { name: 'Influenza vaccine' }, c('flu', 'name')],
    ['Haemophilus influenzae is not flu', { name: 'Haemophilus influenzae b' }, c('other', 'none')],
    ['Haemophilus influenza (typo) is not flu', { name: 'Haemophilus influenza type b' }, c('other', 'none')],
    ['"fluor" is not flu', { name: 'Fluorure' }, c('other', 'none')],
    ['Comirnaty', { name: 'Comirnaty JN.1' }, c('covid', 'name')],
    ['Spikevax', { name: 'SPIKEVAX 0,1MG/ML' }, c('covid', 'name')],
    ['Covid-19 text', { name: 'Covid-19 vaccines' }, c('covid', 'name')],
    ['SARS-CoV-2', { name: 'SARS-CoV-2 mRNA vaccine' }, c('covid', 'name')],
    ['a name with flu and covid counts as flu', { name: 'flu + covid combination' }, c('flu', 'name')],
    ['unrelated name', { name: 'Boostrix' }, c('other', 'none')],
    ['nothing at all', {}, c('other', 'none')],
  ])('%s', (_label, signals, expected) => {
    expect(classifyVaccine(signals)).toEqual(expected);
  });
});

describe('classifyVaccine: priority', () => {
  it.each<[string, VaccineSignals, Classification]>([
    ['indication before ATC', { indications: ['tetanus'], atc: ['J07BB02'] }, c('other', 'indication')],
    ['ATC before Vaccinnet code', { atc: ['J07BN01'], vaccinnetCode: 'FLU/GL014' }, c('covid', 'atc')],
    ['Vaccinnet code before catalog', { vaccinnetCode: 'HBV/AV003', cnk: '4176053' }, c('other', 'vaccinnet-code')],
    ['catalog before name', { cnk: '1077593', name: 'Influvac' }, c('other', 'catalog')],
    ['coded data before free text', { vaccinnetCode: 'HBV/AV003', name: 'Covid-19 vaccines' }, c('other', 'vaccinnet-code')],
    ['an unrecognised signal passes to the next', { indications: ['xyz'], atc: ['0123'], vaccinnetCode: 'ZZ', cnk: '0999995', name: 'Vaxigrip' }, c('flu', 'name')],
  ])('%s', (_label, signals, expected) => {
    expect(classifyVaccine(signals)).toEqual(expected);
  });
});

describe('classifyVaccine: catalog', () => {
  it('uses the catalog it is given', () => {
    const custom = loadCatalog({
      version: 1,
      sources: { s: 'test' },
      entries: [
        { cnk: '0999995', name: 'NEW FLU 2026', disease: 'flu', season: '2026-2027', atc: 'J07BB02', vaccinnetCode: 'FLU/NEW001', manufacturer: null, source: 's' },
        { cnk: null, name: 'RSV', disease: 'other', season: null, atc: null, vaccinnetCode: 'RSV', manufacturer: null, source: 's' },
      ],
    });
    if (!custom.ok) throw new Error(custom.reason);
    expect(classifyVaccine({ cnk: '0999995' }, custom.catalog)).toEqual(c('flu', 'catalog'));
    expect(classifyVaccine({ vaccinnetCode: 'RSV/PF001' }, custom.catalog)).toEqual(c('other', 'vaccinnet-code'));
    // Not in the custom catalog: the default one is not consulted.
    expect(classifyVaccine({ cnk: '4176053' }, custom.catalog)).toEqual(c('other', 'none'));
    expect(classifyVaccine({ vaccinnetCode: 'HBV/AV003' }, custom.catalog)).toEqual(c('other', 'none'));
  });

  it.each(['CD-VACCINEINDICATION', 'CD-VACCINE'])('knows every %s value of KMEHR 1.43', (table) => {
    const xsd = readFileSync(join(PUBLIC_FIXTURES, 'xsd/kmehr-1.43/cd-1_43.xsd'), 'utf8');
    const start = xsd.indexOf(`<xsd:simpleType name="${table}values">`);
    const block = xsd.slice(start, xsd.indexOf('</xsd:simpleType>', start));
    const values = [...block.matchAll(/value="([^"]+)"/g)].map((m) => m[1]!);
    expect(values.length).toBeGreaterThan(10);
    expect(values.filter((v) => !KNOWN_INDICATIONS.has(v))).toEqual([]);
  });
});
