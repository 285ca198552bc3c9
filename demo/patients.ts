/**
 * The demo platform's patients: the simulator's synthetic patients (same INSZ,
 * so the overlay's lookup reaches the simulated hubs), with the names the
 * platform's patient file holds and the vaccinations this pharmacy registered.
 *
 * - The echo patient's own line is the simulator's `ownRegistration` (same
 *   date, CNK and vaccinator): the merge shows ONE green line, confirmed in
 *   Vaccicard.
 * - One patient has a covid registration made today through the platform's
 *   PopVax module, not yet in Vaccicard: a green line without the mark.
 * - One patient's NISS has a typing error: the badge says so, nothing is sent.
 */
import { SIMULATED_PHARMACY, SYNTHETIC_PATIENTS, type SyntheticPatientInfo } from '../companion/src/simulator/synthetic.ts';
import type { DemoOwnLine, DemoPatient } from './demo-patient.ts';

/** The names in the platform's patient file, per synthetic case. */
const NAMES: Readonly<Record<string, string>> = {
  'own-registration-echo': 'Monique Dubois',
  'flu-gp-this-season': 'Jeanne Lambert',
  'covid-nurse': 'Paul Renard',
  'flu-previous-season': 'Henri Leclercq',
  'non-flu-vaccine': 'Sarah Claes',
  'cnk-check-failed': 'Georges Simon',
  'same-vaccination-both-hubs': 'Nadia Benali',
  'many-vaccinations': 'Albert Wouters',
  'fifty-vaccinations': 'Yvonne Maes',
  'rsb-only': 'Karim Haddad',
  'rsw-fails-rsb-answers': 'Els Verhoeven',
  'slow-rsb': 'Michel Lemaire',
  'no-vaccinations': 'Julie Hermans',
};

/** The order of the demo index: the most telling cases first. */
const FIRST = ['own-registration-echo', 'flu-gp-this-season', 'rsw-fails-rsb-answers', 'cnk-check-failed'];

export const TYPO_PATIENT_ID = 'typo-in-niss';
export const POPVAX_PATIENT_KEY = 'flu-gp-this-season';

function localIsoToday(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function ownLinesFor(info: SyntheticPatientInfo, now: Date): DemoOwnLine[] {
  const lines: DemoOwnLine[] = [];
  if (info.ownRegistration) {
    lines.push({
      id: `FF-${info.ownRegistration.date.replaceAll('-', '')}-0142`,
      date: info.ownRegistration.date,
      type: 'Grippe',
      cnk: info.ownRegistration.cnk,
      vaccine: info.ownRegistration.name,
      riziv: info.ownRegistration.riziv,
      lot: 'INF2025K1',
      source: 'FarmaFlux',
    });
  }
  if (info.key === POPVAX_PATIENT_KEY) {
    const today = localIsoToday(now);
    lines.push({
      id: `PV-${today.replaceAll('-', '')}-0007`,
      date: today,
      type: 'COVID-19',
      cnk: '4293254',
      vaccine: 'Comirnaty (1 dosis)',
      riziv: SIMULATED_PHARMACY.pharmacistRiziv,
      lot: 'FP8823',
      source: 'PopVax FarmaFlux',
    });
  }
  return lines;
}

/** `behaviour-no-consent` → `Test No-Consent`-style names for the failure cases. */
function nameFor(info: SyntheticPatientInfo): string {
  const known = NAMES[info.key];
  if (known) return known;
  const words = info.key.replace(/^behaviour-/, '').split('-');
  return `Patient ${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')}`;
}

/** A valid-looking NISS with its last digit changed: fails the check digits. */
function withTypo(insz: string): string {
  const last = Number(insz.slice(-1));
  return insz.slice(0, -1) + String((last + 1) % 10);
}

export function demoPatients(
  now: Date = new Date(),
  infos: readonly SyntheticPatientInfo[] = SYNTHETIC_PATIENTS,
): DemoPatient[] {
  const rank = (key: string) => {
    const i = FIRST.indexOf(key);
    return i === -1 ? FIRST.length : i;
  };
  const patients: DemoPatient[] = [...infos]
    .sort((a, b) => rank(a.key) - rank(b.key))
    .map((info) => ({ id: info.key, name: nameFor(info), insz: info.insz, story: info.label, own: ownLinesFor(info, now) }));
  const echo = infos.find((i) => i.key === 'own-registration-echo') ?? infos[0];
  if (echo) {
    patients.push({
      id: TYPO_PATIENT_ID,
      name: 'Marc Typo',
      insz: withTypo(echo.insz),
      story: 'The NISS in the patient file has a typing error (nothing is sent)',
      own: [],
    });
  }
  return patients;
}

export const DEMO_PATIENTS: readonly DemoPatient[] = demoPatients();
