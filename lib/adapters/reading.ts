/**
 * What an adapter read from a page. Elements are anchors for the UI; the
 * rest is data for the background. `readingKey` tells two readings apart
 * without the elements (to act only when the page really changed).
 */
import type { InszError } from '../identifiers/insz.ts';
import type { EntryPath } from '../messages.ts';
import type { OwnVaccination } from '../vaccination.ts';

export interface Anchors {
  /** The badge goes right after this element; absent: the badge floats top right. */
  badgeAnchor?: Element;
  /** The panel goes at the end of this element; absent: the panel floats on the right. */
  panelSlot?: Element;
}

export type PageReading =
  /** An e-Form with a valid patient: look it up. */
  | ({ kind: 'patient'; adapterId: string; insz: string; entryPath: EntryPath; own: OwnVaccination[] } & Anchors)
  /** An e-Form with no patient filled in yet. */
  | ({ kind: 'no-patient'; adapterId: string } & Anchors)
  /** The page's INSZ is not a valid number: nothing is sent, the badge says so. */
  | ({ kind: 'invalid-insz'; adapterId: string; reason: InszError } & Anchors)
  /** The adapter no longer matches the page (it changed): the badge says so. */
  | ({ kind: 'not-recognised'; adapterId: string; missing: string[] } & Anchors)
  /** Not an e-Form (another page of the platform, or nothing found): no UI at all. */
  | { kind: 'nothing'; adapterId: string };

export type PageReadingKind = PageReading['kind'];

/** Identity of a reading for change detection (anchors excluded). */
export function readingKey(reading: PageReading): string {
  switch (reading.kind) {
    case 'patient':
      return JSON.stringify([reading.kind, reading.adapterId, reading.insz, reading.entryPath, reading.own]);
    case 'invalid-insz':
      return JSON.stringify([reading.kind, reading.adapterId, reading.reason]);
    case 'not-recognised':
      return JSON.stringify([reading.kind, reading.adapterId, reading.missing]);
    default:
      return JSON.stringify([reading.kind, reading.adapterId]);
  }
}
