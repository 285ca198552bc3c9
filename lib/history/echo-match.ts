/**
 * Echo matching: which Vaccicard vaccination confirms which own vaccination.
 *
 * An own vaccination and a Vaccicard vaccination match when they have the same
 * date, the same vaccine (same CNK when both carry one, otherwise the same
 * disease) and, when both carry a vaccinator RIZIV, the same person (first eight
 * digits). The patient is implied: one consultation is about one patient, and
 * both lists were fetched for that patient.
 *
 * Matching is one to one and runs in two stages: CNK matches first, then
 * disease-only matches among what is left. Each stage pairs as many lines as it
 * can (matching.ts); own lines are taken in key order, and each one tries the
 * Vaccicard lines whose vaccinator was compared before those where a RIZIV was
 * missing, then in key order. The result does not depend on input order.
 */
import type { OwnVaccination } from '../vaccination.ts';
import { stagedMatching } from './matching.ts';
import { samePerson, sameVaccine, type VaccineMatch } from './same-vaccination.ts';
import type { VaccicardGroup } from './vaccicard-groups.ts';

export interface KeyedOwn {
  key: string;
  own: OwnVaccination;
}

export interface EchoPair {
  own: KeyedOwn;
  group: VaccicardGroup;
  match: VaccineMatch;
}

interface Candidate {
  match: VaccineMatch;
  rizivCompared: boolean;
}

const present = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : undefined);

/** Compared through the group's combined record: the most complete view of it. */
function candidate(own: OwnVaccination, group: VaccicardGroup): Candidate | undefined {
  const record = group.record;
  if (own.date !== record.date) return undefined;
  const match = sameVaccine({ cnk: own.cnk, disease: own.disease }, record);
  if (!match) return undefined;
  const ownRiziv = present(own.riziv);
  const recordRiziv = present(record.vaccinator?.riziv);
  if (ownRiziv === undefined || recordRiziv === undefined) return { match, rizivCompared: false };
  return samePerson(ownRiziv, recordRiziv) ? { match, rizivCompared: true } : undefined;
}

/**
 * One-to-one pairs between own vaccinations (in key order, already limited to those
 * that count as given) and Vaccicard groups (in key order).
 */
export function matchEchoes(owns: readonly KeyedOwn[], groups: readonly VaccicardGroup[]): EchoPair[] {
  const table = owns.map((o) => groups.map((g) => candidate(o.own, g)));
  const candidatesWith = (match: VaccineMatch) =>
    table.map((row) =>
      row
        .map((c, j) => ({ c, j }))
        .filter((x) => x.c?.match === match)
        .sort((x, y) => Number(y.c!.rizivCompared) - Number(x.c!.rizivCompared) || x.j - y.j)
        .map((x) => x.j),
    );
  const byCnk = candidatesWith('cnk');
  const byDisease = candidatesWith('disease');
  const paired = stagedMatching(owns.length, groups.length, [(i) => byCnk[i]!, (i) => byDisease[i]!]);

  const pairs: EchoPair[] = [];
  paired.forEach((j, i) => {
    if (j === undefined) return;
    pairs.push({ own: owns[i]!, group: groups[j]!, match: table[i]![j]!.match });
  });
  return pairs;
}
