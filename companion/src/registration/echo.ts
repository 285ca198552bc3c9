/**
 * Echo matching (pure): which of this pharmacy's registrations a
 * consultation of the patient returned. A Vaccicard line echoes a
 * registration when its transaction carries the registration's own id
 * (LOCAL, SL `vaccicard-overlay-registration`, written by the builder);
 * when a hub does not keep that id, a line with the same administration
 * date and CNK, by the same vaccinator when the line names one (first
 * eight RIZIV digits: the person, as the history merge compares), and not
 * cancelled, echoes the oldest such registration not matched yet. Each line
 * echoes at most one registration. A match by content is only allowed for a
 * registration already delivered (`byContent`): a look-alike line (the same
 * vaccination registered by other software) must never stop an undelivered
 * registration from being sent.
 */
import { REGISTRATION_ID_SL } from '../../../lib/kmehr/build.ts';
import type { KmehrId } from '../../../lib/vaccination.ts';

export interface EchoCandidate {
  id: string;
  createdAt: string;
  administrationDate: string;
  cnk: string;
  vaccinatorRiziv: string;
  /** May be matched by content (not only by its id); default true. */
  byContent?: boolean;
}

export interface EchoedLine {
  transactionIds: readonly KmehrId[];
  date: string;
  cnk?: string;
  vaccinatorRiziv?: string;
  /** CD-LIFECYCLE; absent means administered. */
  lifecycle?: string;
}

const ownIdOf = (line: EchoedLine): string | undefined =>
  line.transactionIds.find((i) => i.s === 'LOCAL' && i.sl === REGISTRATION_ID_SL)?.value;

export function matchEchoes(candidates: readonly EchoCandidate[], lines: readonly EchoedLine[]): string[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const matched = new Set<string>();
  const rest: EchoedLine[] = [];
  for (const line of lines) {
    const own = ownIdOf(line);
    if (own !== undefined) {
      if (byId.has(own)) matched.add(own);
      continue; // another registration of this product (or an unknown one): never matched by content
    }
    rest.push(line);
  }
  const open = [...candidates].filter((c) => !matched.has(c.id) && c.byContent !== false).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const line of rest) {
    if (line.lifecycle !== undefined && line.lifecycle.trim().toLowerCase() !== 'administrated') continue;
    if (line.cnk === undefined) continue;
    const index = open.findIndex(
      (c) => c.administrationDate === line.date && c.cnk === line.cnk && (line.vaccinatorRiziv === undefined || line.vaccinatorRiziv.slice(0, 8) === c.vaccinatorRiziv.slice(0, 8)),
    );
    if (index === -1) continue;
    matched.add(open[index]!.id);
    open.splice(index, 1);
  }
  return [...matched];
}
