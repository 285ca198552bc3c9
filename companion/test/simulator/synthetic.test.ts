import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidInsz } from '../../../lib/identifiers/insz.ts';
import { isValidPharmacyNumber, isValidProviderRiziv } from '../../../lib/identifiers/riziv.ts';
import { COVID_VACCICARD_CUTOFF, fluSeasonOf } from '../../../lib/vaccines/season.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import {
  exportSyntheticPatients,
  generateSyntheticPatients,
  SYNTHETIC_PATIENTS,
  syntheticCases,
  syntheticDates,
  syntheticPatientSet,
  SIMULATED_PHARMACY,
} from '../../src/simulator/synthetic.ts';
import { VACCINATORS } from '../../src/simulator/synthetic-cases.ts';
import { loadPatientFolder } from '../../src/simulator/patients.ts';
import { validateKmehr143 } from '../helpers/xsd.ts';

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

describe('synthetic patients', () => {
  it('have unique INSZ that pass the checksum, and vaccinators whose RIZIV pass theirs', () => {
    const insz = SYNTHETIC_PATIENTS.map((p) => p.insz);
    expect(new Set(insz).size).toBe(insz.length);
    for (const i of insz) expect(isValidInsz(i), i).toBe(true);
    for (const v of Object.values(VACCINATORS)) {
      expect(isValidProviderRiziv(v.riziv), v.riziv).toBe(true);
      if ('organisation' in v) expect(isValidPharmacyNumber(v.organisation.number)).toBe(true);
    }
    expect(isValidPharmacyNumber(SIMULATED_PHARMACY.pharmacyNumber)).toBe(true);
    expect(isValidInsz(SIMULATED_PHARMACY.pharmacistSsin)).toBe(true);
  });

  it('cover every badge state and merge case', () => {
    const statuses = new Set(SYNTHETIC_PATIENTS.flatMap((p) => [p.expectedHubs.rsw, p.expectedHubs.rsb]));
    for (const s of ['ok', 'no-consent', 'no-relation', 'patient-unknown', 'timeout', 'hub-error', 'malformed-response']) expect(statuses).toContain(s);
    const behaviours = new Set(SYNTHETIC_PATIENTS.map((p) => p.behaviour));
    for (const b of ['ok', 'no-consent', 'no-relation', 'excluded', 'unknown', 'timeout', 'error', 'malformed']) expect(behaviours).toContain(b);
    const merges = SYNTHETIC_PATIENTS.map((p) => p.expectedMerge);
    expect(merges.some((m) => m.flu > 0 && m.fluThisSeason)).toBe(true);
    expect(merges.some((m) => m.covid > 0)).toBe(true);
    expect(merges.some((m) => m.ownConfirmed > 0)).toBe(true);
    expect(merges.some((m) => m.fromBothHubs > 0)).toBe(true);
    expect(merges.some((m) => m.warnings.includes('cnk-check-failed'))).toBe(true);
    expect(merges.some((m) => m.other > 0 && m.flu === 0 && m.covid === 0)).toBe(true);
    expect(SYNTHETIC_PATIENTS.some((p) => p.transactionCount === 20)).toBe(true);
    expect(SYNTHETIC_PATIENTS.some((p) => p.transactionCount === 50)).toBe(true);
    expect(SYNTHETIC_PATIENTS.some((p) => p.hub === 'rsb' && p.expectedHubs.rsw === 'ok')).toBe(true);
    expect(SYNTHETIC_PATIENTS.some((p) => p.expectedHubs.rsw !== 'ok' && p.expectedHubs.rsb === 'ok')).toBe(true);
    expect(SYNTHETIC_PATIENTS.find((p) => p.key === 'own-registration-echo')?.ownRegistration).toMatchObject({ riziv: '20807092001' });
  });

  it('every KMEHR file validates against the KMEHR 1.43 schema and parses', async () => {
    const files = generateSyntheticPatients().flatMap((p) => p.files.map((f) => ({ name: `${p.info.key}/${f.name}`, xml: f.xml })));
    expect(files.length).toBe(SYNTHETIC_PATIENTS.reduce((n, p) => n + p.transactionCount, 0));
    expect(files.length).toBeGreaterThan(80);
    const report = await validateKmehr143(files);
    expect(report.errors).toEqual({});
    expect(report.valid).toBe(true);
    for (const f of files) {
      const parsed = parseKmehrMessage(f.xml);
      expect(parsed.ok && parsed.value.records.length, f.name).toBe(1);
    }
  });

  it.each(['2026-09-01T08:00:00', '2027-08-31T20:00:00', '2027-01-04T12:00:00', '2027-03-15T12:00:00', '2026-01-05T12:00:00'])(
    'keeps its cases true relative to today = %s',
    (when) => {
      const now = new Date(when);
      const dates = syntheticDates(now);
      const season = fluSeasonOf(dates.today);
      expect(dates.thisSeason >= season.start && dates.thisSeason <= dates.today).toBe(true);
      expect(dates.previousSeason < season.start && dates.previousSeason >= fluSeasonOf(`${Number(season.start.slice(0, 4)) - 1}-10-01`).start).toBe(true);
      expect(dates.recentCovid >= COVID_VACCICARD_CUTOFF && dates.recentCovid <= dates.today).toBe(true);
      // The expected merge of every patient is the same whatever today is.
      const stable = syntheticCases(now).map((c) => [c.info.key, c.info.expectedMerge]);
      expect(stable).toEqual(SYNTHETIC_PATIENTS.map((p) => [p.key, p.expectedMerge]));
    },
  );

  it('exports a patient folder that loads back to the same patients', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'synthetic-'));
    temp.push(dir);
    const count = await exportSyntheticPatients(dir);
    expect(count).toBe(SYNTHETIC_PATIENTS.length);
    const patient = SYNTHETIC_PATIENTS.find((p) => p.key === 'rsw-fails-rsb-answers')!;
    expect(JSON.parse(await readFile(path.join(dir, patient.insz, 'patient.json'), 'utf8'))).toMatchObject({
      hub: 'rsb',
      behaviour: 'ok',
      perHub: { rsw: { behaviour: 'error' } },
    });
    const loaded = await loadPatientFolder(dir);
    const memory = syntheticPatientSet();
    expect([...loaded.keys()].sort()).toEqual([...memory.keys()].sort());
    for (const [insz, p] of memory) {
      const l = loaded.get(insz)!;
      expect(l.config).toEqual(p.config);
      expect(l.transactions.map((t) => t.embeddedXml).sort()).toEqual(p.transactions.map((t) => t.embeddedXml).sort());
    }
    await expect(exportSyntheticPatients(dir)).rejects.toThrow(/not empty/);
  });

  it('files are readable by people: indented, one transaction each, named by date', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'synthetic-'));
    temp.push(dir);
    await exportSyntheticPatients(dir);
    const patient = SYNTHETIC_PATIENTS.find((p) => p.key === 'flu-gp-this-season')!;
    const names = await readdir(path.join(dir, patient.insz));
    expect(names.sort()).toEqual([expect.stringMatching(/^01-flu-\d{4}-\d{2}-\d{2}\.xml$/), 'patient.json']);
    const xml = await readFile(path.join(dir, patient.insz, names.find((n) => n.endsWith('.xml'))!), 'utf8');
    expect(xml.split('\n').length).toBeGreaterThan(40);
    // A hand edit is picked up: change the lot and load again.
    await writeFile(path.join(dir, patient.insz, names[0]!), xml.replace(/<batch>[^<]*<\/batch>/, '<batch>EDITED1</batch>'));
    const loaded = await loadPatientFolder(dir);
    expect(loaded.get(patient.insz)!.transactions[0]!.embeddedXml).toContain('<batch>EDITED1</batch>');
  });
});
