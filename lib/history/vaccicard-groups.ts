/**
 * Vaccicard deduplication across hubs: RSW and RSB can both return the same
 * vaccination. Records that are the same vaccination become one group.
 *
 * Evidence, strongest first:
 * 1. the same record id (the parser derives it from the transaction ids and the
 *    item index, so it is equal when both hubs relay the same transaction);
 *    records with the same id are always one group, even from one hub;
 * 2. a shared transaction id (S, SL and value; `ID-KMEHR` ids are left out: they
 *    only number transactions inside one message) with the same date and vaccine;
 * 3. the same date, the same vaccine and the same vaccinator (first eight digits
 *    of the RIZIV number, both present).
 * Evidence 2 and 3 only join a record seen in RSW alone with one seen in RSB
 * alone, one to one: two records from one hub are two registrations (a double
 * registration stays visible). Pairing runs in two stages, transaction-id
 * evidence before vaccinator evidence; each stage pairs as many records as it
 * can (matching.ts), trying same-CNK partners before disease-only ones, then by
 * key. Records are sorted by content first: the result does not depend on
 * input order.
 */
import { HUB_IDS, type HubId, type VaccinationRecord } from '../vaccination.ts';
import { canonicalJson, compareStrings } from './canonical.ts';
import { stagedMatching } from './matching.ts';
import { samePerson, sameVaccine, type VaccineMatch } from './same-vaccination.ts';

export interface VaccicardEntry {
  hub: HubId;
  record: VaccinationRecord;
}

export interface VaccicardGroup {
  /** Smallest record id in the group: unique, since equal ids share a group. */
  key: string;
  /** Hubs that returned it, in HUB_IDS order. */
  hubs: HubId[];
  /** Members in canonical order (hub order, then id, then content). */
  entries: VaccicardEntry[];
  /** The first member, with fields it lacks filled from the others. */
  record: VaccinationRecord;
}

const hubRank = (hub: HubId) => HUB_IDS.indexOf(hub);

function compareEntries(a: VaccicardEntry, b: VaccicardEntry): number {
  return (
    hubRank(a.hub) - hubRank(b.hub) ||
    compareStrings(a.record.id, b.record.id) ||
    compareStrings(canonicalJson(a.record), canonicalJson(b.record))
  );
}

function transactionIdKeys(record: VaccinationRecord): Set<string> {
  return new Set(
    record.transactionIds
      .filter((t) => t.s.toUpperCase() !== 'ID-KMEHR' && t.value.trim() !== '')
      .map((t) => JSON.stringify([t.s, t.sl ?? '', t.value.trim()])),
  );
}

interface Unit {
  key: string;
  entries: VaccicardEntry[];
  hubs: Set<HubId>;
  txIds: Set<string>;
  /** The unit's records combined (see `combine`): what it is compared by. */
  record: VaccinationRecord;
}

type Evidence = 0 | 1; // 0: shared transaction id, 1: vaccinator

type Found = { evidence: Evidence; match: VaccineMatch };

/** Evidence between two units, compared through their combined records. */
function evidenceBetween(a: Unit, b: Unit): Found | undefined {
  if (a.record.date !== b.record.date) return undefined;
  const match = sameVaccine(a.record, b.record);
  if (!match) return undefined;
  if ([...a.txIds].some((t) => b.txIds.has(t))) return { evidence: 0, match };
  if (samePerson(a.record.vaccinator?.riziv, b.record.vaccinator?.riziv)) return { evidence: 1, match };
  return undefined;
}

/** Fills what `primary` lacks from `others`, keeping fields that belong together together. */
function combine(records: VaccinationRecord[]): VaccinationRecord {
  const [primary, ...others] = records as [VaccinationRecord, ...VaccinationRecord[]];
  const out: VaccinationRecord = { ...primary };
  for (const r of others) {
    if (out.cnk === undefined && r.cnk !== undefined) {
      out.cnk = r.cnk;
      if (r.cnkValid !== undefined) out.cnkValid = r.cnkValid;
      else delete out.cnkValid;
    }
    if (out.name === undefined && r.name !== undefined) out.name = r.name;
    if (out.lot === undefined && r.lot !== undefined) out.lot = r.lot;
    if (out.quantity === undefined && r.quantity !== undefined) out.quantity = r.quantity;
    if (out.vaccinnetCode === undefined && r.vaccinnetCode !== undefined) out.vaccinnetCode = r.vaccinnetCode;
    if (out.atc.length === 0 && r.atc.length > 0) out.atc = r.atc;
    if (out.indications.length === 0 && r.indications.length > 0) out.indications = r.indications;
    if (out.vaccinator?.riziv === undefined && r.vaccinator?.riziv !== undefined) out.vaccinator = r.vaccinator;
    else if (out.vaccinator === undefined && r.vaccinator !== undefined) out.vaccinator = r.vaccinator;
    if (out.organisation === undefined && r.organisation !== undefined) out.organisation = r.organisation;
  }
  return out;
}

/** Groups Vaccicard records (already filtered to administered ones) into vaccinations. */
export function groupVaccicardRecords(input: readonly VaccicardEntry[]): VaccicardGroup[] {
  const sorted = [...input].sort(compareEntries);

  // Evidence 1: equal record ids.
  const byId = new Map<string, VaccicardEntry[]>();
  for (const e of sorted) {
    const list = byId.get(e.record.id);
    if (list) list.push(e);
    else byId.set(e.record.id, [e]);
  }
  const units: Unit[] = [...byId.entries()]
    .map(([id, entries]) => ({
      key: id,
      entries,
      hubs: new Set(entries.map((e) => e.hub)),
      txIds: new Set(entries.flatMap((e) => [...transactionIdKeys(e.record)])),
      record: combine(entries.map((e) => e.record)),
    }))
    .sort((a, b) => compareStrings(a.key, b.key));

  // Evidence 2 and 3 pair a unit seen only in RSW with one seen only in RSB.
  // (A unit with both hubs is complete. HubId has exactly these two values.)
  const left = units.filter((u) => u.hubs.size === 1 && u.hubs.has('rsw'));
  const right = units.filter((u) => u.hubs.size === 1 && u.hubs.has('rsb'));
  const evidence = left.map((l) => right.map((r) => evidenceBetween(l, r)));
  const candidatesWith = (wanted: Evidence) =>
    evidence.map((row) =>
      row
        .map((found, j) => ({ found, j }))
        .filter((c) => c.found?.evidence === wanted)
        // Same CNK before disease-only; then by key (right is in key order).
        .sort((x, y) => Number(x.found!.match !== 'cnk') - Number(y.found!.match !== 'cnk') || x.j - y.j)
        .map((c) => c.j),
    );
  const byTransaction = candidatesWith(0);
  const byVaccinator = candidatesWith(1);
  const paired = stagedMatching(left.length, right.length, [(i) => byTransaction[i]!, (i) => byVaccinator[i]!]);

  const unitGroups: Unit[][] = [];
  const pairedRight = new Set<number>();
  left.forEach((l, i) => {
    const j = paired[i];
    if (j === undefined) unitGroups.push([l]);
    else {
      unitGroups.push([l, right[j]!]);
      pairedRight.add(j);
    }
  });
  right.forEach((r, j) => {
    if (!pairedRight.has(j)) unitGroups.push([r]);
  });
  const pairable = new Set([...left, ...right]);
  for (const u of units) if (!pairable.has(u)) unitGroups.push([u]);

  const groups: VaccicardGroup[] = [];
  for (const unitsInGroup of unitGroups) {
    const entries = unitsInGroup.flatMap((u) => u.entries).sort(compareEntries);
    const hubs = HUB_IDS.filter((h) => entries.some((e) => e.hub === h));
    const key = unitsInGroup.map((u) => u.key).sort(compareStrings)[0]!;
    groups.push({ key, hubs, entries, record: combine(entries.map((e) => e.record)) });
  }
  return groups.sort((a, b) => compareStrings(a.key, b.key));
}
