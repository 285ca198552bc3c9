/**
 * Interprets an adapter description against a page: is this the e-Form, who
 * is the patient, which entry path opened it, where do the badge and panel go,
 * and which vaccinations did this pharmacy register. Pure over (document, URL);
 * never throws (a broken selector reads as "missing").
 */
import { parseInsz } from '../identifiers/insz.ts';
import type { EntryPath } from '../messages.ts';
import type { OwnVaccination } from '../vaccination.ts';
import { cleanText, readField, safeQuery } from './read-field.ts';
import { readOwnLines } from './read-own-lines.ts';
import type { Anchors, PageReading } from './reading.ts';
import type { EntryPathRule, HostAdapter } from './types.ts';

export function readEntryPath(doc: ParentNode, url: URL, rule: EntryPathRule): EntryPath {
  if (rule.urlParam) {
    const value = url.searchParams.get(rule.urlParam.name)?.toLowerCase();
    const path = value ? rule.urlParam.values[value] : undefined;
    if (path) return path;
  }
  if (rule.marker) {
    const value = safeQuery(doc, rule.marker.selector)?.getAttribute(rule.marker.attribute)?.toLowerCase();
    const path = value ? rule.marker.values[value] : undefined;
    if (path) return path;
  }
  return 'unknown';
}

/** The badge anchor only counts when it still shows the expected word. */
export function findAnchors(doc: ParentNode, adapter: HostAdapter): Anchors {
  const anchors: Anchors = {};
  const word = safeQuery(doc, adapter.badgeAnchor.selector);
  if (word && cleanText(word.textContent).includes(adapter.badgeAnchor.text)) anchors.badgeAnchor = word;
  const slot = adapter.panelSlot ? safeQuery(doc, adapter.panelSlot) : null;
  if (slot) anchors.panelSlot = slot;
  return anchors;
}

/** `undefined` when this adapter is not for this page's software (try the next one). */
export function readWithAdapter(
  doc: Document,
  url: URL,
  adapter: HostAdapter,
  today: Date = new Date(),
): PageReading | undefined {
  if (!safeQuery(doc, adapter.platform)) return undefined;
  const adapterId = adapter.id;
  if (!adapter.formPath.test(url.pathname)) return { kind: 'nothing', adapterId };

  const anchors = findAnchors(doc, adapter);
  const missing: string[] = [];
  if (!safeQuery(doc, adapter.form)) missing.push('form');
  if (!safeQuery(doc, adapter.insz.selector)) missing.push('insz');
  if (missing.length > 0) return { kind: 'not-recognised', adapterId, missing, ...anchors };

  const raw = readField(doc, adapter.insz) ?? '';
  if (raw === '') return { kind: 'no-patient', adapterId, ...anchors };
  const insz = parseInsz(raw, today);
  if (!insz.ok) return { kind: 'invalid-insz', adapterId, reason: insz.reason, ...anchors };

  let own: OwnVaccination[] = [];
  if (adapter.ownLines) {
    const lines = readOwnLines(doc, adapter.ownLines);
    if (!lines.ok) return { kind: 'not-recognised', adapterId, missing: lines.problems, ...anchors };
    own = lines.own;
  }
  return {
    kind: 'patient',
    adapterId,
    insz: insz.value.insz,
    entryPath: readEntryPath(doc, url, adapter.entryPath),
    own,
    ...anchors,
  };
}
