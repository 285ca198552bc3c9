/**
 * The built-in synthetic patient set, made in memory at simulator start from
 * the cases in synthetic-cases.ts (dates relative to today), and
 * `exportSyntheticPatients` which writes the same set as a patient folder a
 * person can edit and replay with `--fixtures`.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fnv1a64 } from '../../../lib/kmehr/record-id.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import { buildVaccinationMessage } from './kmehr-vaccination.ts';
import { buildPatient, PatientFolderError, type PatientConfigInput, type PatientSet, type SimulatedPatient } from './patients.ts';
import { diseaseOf, syntheticCases, VACCINATORS, VACCINES, type SyntheticPatientInfo } from './synthetic-cases.ts';

export {
  SYNTHETIC_PATIENTS,
  SIMULATED_PHARMACY,
  syntheticCases,
  syntheticDates,
  makeInsz,
  makeRiziv,
  makePharmacyNumber,
  type SyntheticPatientInfo,
  type ExpectedMerge,
  type ExpectedHubStatus,
  type SyntheticDates,
} from './synthetic-cases.ts';

export interface SyntheticPatient {
  info: SyntheticPatientInfo;
  config: PatientConfigInput;
  files: { name: string; xml: string }[];
}

function localId(insz: string, index: number): string {
  return `sim-${fnv1a64(`${insz}:${index}`)}`;
}

/** The synthetic patients with their KMEHR files, for `now` (default today). */
export function generateSyntheticPatients(now: Date = new Date()): SyntheticPatient[] {
  return syntheticCases(now).map(({ info, case: c, entries }) => {
    const storedAt: HubId = c.config.hub === 'rsb' ? 'rsb' : 'rsw';
    const files = entries.map((e, i) => ({
      name: `${String(i + 1).padStart(2, '0')}-${diseaseOf(e.vaccine)}-${e.date}.xml`,
      xml: buildVaccinationMessage({
        patient: { insz: info.insz, ...c.person },
        localId: localId(info.insz, i),
        hub: storedAt,
        date: e.date,
        time: `${String(9 + (i % 9)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00`,
        vaccine: VACCINES[e.vaccine],
        vaccinator: VACCINATORS[e.vaccinator],
        ...(e.lot ? { lot: e.lot } : {}),
      }),
    }));
    return { info, config: { ...c.config, label: c.label }, files };
  });
}

/** The synthetic set as the simulated hubs serve it. */
export function syntheticPatientSet(now: Date = new Date()): PatientSet {
  const problems: string[] = [];
  const set = new Map<string, SimulatedPatient>();
  for (const p of generateSyntheticPatients(now)) {
    const patient = buildPatient(p.info.insz, p.config, p.files, problems);
    if (patient) set.set(p.info.insz, patient);
  }
  if (problems.length > 0) throw new PatientFolderError(problems);
  return set;
}

/**
 * Writes the synthetic set as a patient folder (`<dir>/<INSZ>/*.xml` and
 * `patient.json`), for people to edit and replay with `--fixtures`. The
 * folder must be new or empty. Returns the number of patients written.
 */
export async function exportSyntheticPatients(dir: string, now: Date = new Date()): Promise<number> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty: export into a new folder`);
  const patients = generateSyntheticPatients(now);
  for (const p of patients) {
    const folder = path.join(dir, p.info.insz);
    await mkdir(folder);
    await writeFile(path.join(folder, 'patient.json'), `${JSON.stringify(p.config, null, 2)}\n`);
    for (const file of p.files) await writeFile(path.join(folder, file.name), file.xml);
  }
  return patients.length;
}
