/**
 * The simulated hubs' patients. On disk: one folder per patient named by
 * INSZ, holding one KMEHR file per transaction (`*.xml`) and an optional
 * `patient.json`:
 *
 *   { "hub": "rsw" | "rsb" | "both",            where the records are (default both)
 *     "behaviour": "ok" | "no-consent" | "no-relation" | "excluded" | "unknown"
 *                | "timeout" | "error" | "malformed",   default ok
 *     "latencyMs": N,                           extra delay per answer
 *     "label": "...",                           free text for people
 *     "perHub": { "rsw": { "behaviour": ..., "latencyMs": N }, "rsb": {...} } }
 *
 * `perHub` overrides behaviour and latency for one hub (e.g. RSW fails while
 * RSB answers). A hub that does not hold the records answers "no data".
 * Every problem in the folder is reported at once, with the file it is in.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isValidInsz } from '../../../lib/identifiers/insz.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import { describeKmehrFile, type CodedValue, type KmehrFileInfo } from './kmehr-file.ts';
import { PatientBehaviour } from './patient-behaviour.ts';

export { PatientBehaviour };

const Latency = z.number().int().min(0).max(600_000);

export const HubOverride = z.object({ behaviour: PatientBehaviour.optional(), latencyMs: Latency.optional() }).strict();
export type HubOverride = z.infer<typeof HubOverride>;

export const PatientConfig = z
  .object({
    hub: z.enum(['rsw', 'rsb', 'both']).default('both'),
    behaviour: PatientBehaviour.default('ok'),
    latencyMs: Latency.optional(),
    label: z.string().max(200).optional(),
    perHub: z.object({ rsw: HubOverride.optional(), rsb: HubOverride.optional() }).strict().optional(),
  })
  .strict();
export type PatientConfig = z.infer<typeof PatientConfig>;
export type PatientConfigInput = z.input<typeof PatientConfig>;

export interface SimulatedTransaction extends KmehrFileInfo {
  /** File name, for messages. */
  source: string;
}

export interface SimulatedPatient {
  insz: string;
  config: PatientConfig;
  transactions: SimulatedTransaction[];
}

export type PatientSet = ReadonlyMap<string, SimulatedPatient>;

/** How one hub treats a patient. */
export interface HubView {
  behaviour: PatientBehaviour;
  latencyMs: number;
  /** The records this hub holds (empty when they are at the other hub). */
  transactions: SimulatedTransaction[];
}

export function hubView(patient: SimulatedPatient, hub: HubId): HubView {
  const override = patient.config.perHub?.[hub];
  const holds = patient.config.hub === 'both' || patient.config.hub === hub;
  return {
    behaviour: override?.behaviour ?? (holds ? patient.config.behaviour : 'ok'),
    latencyMs: override?.latencyMs ?? patient.config.latencyMs ?? 0,
    transactions: holds ? patient.transactions : [],
  };
}

/** The id a hub client asks GetTransaction for (same rule as hub/request.ts transactionIdToRequest). */
export function transactionHandle(ids: readonly CodedValue[]): CodedValue {
  return ids.find((i) => i.s === 'LOCAL' && i.sl) ?? ids.find((i) => i.s === 'ID-KMEHR') ?? ids[0]!;
}

export class PatientFolderError extends Error {
  constructor(readonly problems: string[]) {
    super(`the patient folder has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n- ${problems.join('\n- ')}`);
    this.name = 'PatientFolderError';
  }
}

/** Names a patient folder without printing a whole INSZ (`85…28`). */
export function maskInsz(text: string): string {
  return text.replace(/\d{11}/g, (d) => `${d.slice(0, 2)}…${d.slice(-2)}`);
}

/** Builds a patient from in-memory files (shared by the folder loader and the synthetic set). */
export function buildPatient(
  insz: string,
  config: PatientConfigInput,
  files: readonly { name: string; xml: string }[],
  problems: string[],
): SimulatedPatient | undefined {
  const where = maskInsz(insz);
  if (!/^\d{11}$/.test(insz) || !isValidInsz(insz)) {
    problems.push(`${where}: the folder name must be a valid 11-digit INSZ`);
    return undefined;
  }
  const parsedConfig = PatientConfig.safeParse(config);
  if (!parsedConfig.success) {
    for (const issue of parsedConfig.error.issues) {
      problems.push(`${where}/patient.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return undefined;
  }
  const transactions: SimulatedTransaction[] = [];
  const seenIds = new Map<string, string>();
  let ok = true;
  for (const file of files) {
    const described = describeKmehrFile(file.xml);
    if (!described.ok) {
      problems.push(`${where}/${file.name}: ${maskInsz(described.problem)}`);
      ok = false;
      continue;
    }
    if (described.info.patientInsz !== undefined && described.info.patientInsz !== insz) {
      problems.push(`${where}/${file.name}: the message is about another patient than its folder`);
      ok = false;
      continue;
    }
    // The hub's handle of a transaction (what GetTransaction asks for): its LOCAL id, else its ID-KMEHR.
    // ID-KMEHR is only a sequence number inside a message, so files may share it when they carry a LOCAL id.
    const handle = transactionHandle(described.info.ids);
    const key = `${handle.s}|${handle.sl ?? ''}|${handle.value}`;
    const other = seenIds.get(key);
    if (other !== undefined) {
      problems.push(`${where}/${file.name}: transaction id ${handle.s}${handle.sl ? `/${handle.sl}` : ''} is also used by ${other}`);
      ok = false;
    }
    seenIds.set(key, file.name);
    transactions.push({ ...described.info, source: file.name });
  }
  return ok ? { insz, config: parsedConfig.data, transactions } : undefined;
}

async function readPatientJson(file: string, where: string, problems: string[]): Promise<PatientConfigInput | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as PatientConfigInput;
  } catch {
    problems.push(`${where}/patient.json: not valid JSON`);
    return undefined;
  }
}

const MAX_FILE_BYTES = 2_000_000;

/** Loads a patient folder; throws PatientFolderError listing every problem. */
export async function loadPatientFolder(dir: string): Promise<PatientSet> {
  const problems: string[] = [];
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch {
    throw new PatientFolderError([`cannot read the folder ${dir}`]);
  }
  const patients = new Map<string, SimulatedPatient>();
  for (const entry of entries) {
    const folder = path.join(dir, entry);
    if (!(await stat(folder)).isDirectory()) continue;
    if (entry.startsWith('.')) continue;
    const where = maskInsz(entry);
    const config = await readPatientJson(path.join(folder, 'patient.json'), where, problems);
    const names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
    const files: { name: string; xml: string }[] = [];
    for (const name of names) {
      const size = (await stat(path.join(folder, name))).size;
      if (size > MAX_FILE_BYTES) {
        problems.push(`${where}/${name}: larger than ${MAX_FILE_BYTES} bytes`);
        continue;
      }
      files.push({ name, xml: await readFile(path.join(folder, name), 'utf8') });
    }
    if (config === undefined) continue;
    const patient = buildPatient(entry, config, files, problems);
    if (patient) patients.set(entry, patient);
  }
  if (problems.length > 0) throw new PatientFolderError(problems);
  if (patients.size === 0) throw new PatientFolderError([`no patient folders in ${dir} (one folder per INSZ expected)`]);
  return patients;
}
