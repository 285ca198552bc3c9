/**
 * Reads the page's own vaccination lines (this pharmacy's registrations) as
 * OwnVaccination[]. A row the adapter cannot read is reported by name, never
 * skipped: a page whose table changed must fail visibly.
 */
import { parseCnk } from '../identifiers/cnk.ts';
import { normalizeRiziv } from '../identifiers/riziv.ts';
import type { Disease, OwnVaccination } from '../vaccination.ts';
import { checkOwnVaccination, isIsoDate } from './own-line-check.ts';
import { cleanText, readField, safeQueryAll } from './read-field.ts';
import type { OwnLinesRule } from './types.ts';

export type OwnLinesResult = { ok: true; own: OwnVaccination[] } | { ok: false; problems: string[] };

const SOURCES = ['FarmaFlux', 'PopVax FarmaFlux'] as const;

export function toIsoDate(text: string, format: OwnLinesRule['date']['format']): string | undefined {
  const m =
    format === 'dd/mm/yyyy' ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = format === 'dd/mm/yyyy' ? [m[3]!, m[2]!, m[1]!] : [m[1]!, m[2]!, m[3]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export function readOwnLines(doc: ParentNode, rule: OwnLinesRule): OwnLinesResult {
  const problems: string[] = [];
  const own: OwnVaccination[] = [];
  safeQueryAll(doc, rule.rows).forEach((row, index) => {
    const at = (field: string) => `ownLines[${index}].${field}`;
    const rowProblems: string[] = [];

    const dateText = readField(row, rule.date);
    const date = dateText === undefined ? undefined : toIsoDate(dateText, rule.date.format);
    if (!date) rowProblems.push(at('date'));

    const sourceText = readField(row, rule.source);
    const source = SOURCES.find((s) => s.toLowerCase() === sourceText?.toLowerCase());
    if (!source) rowProblems.push(at('source'));

    let cnk: string | undefined;
    const cnkText = rule.cnk ? readField(row, rule.cnk) : undefined;
    if (cnkText) {
      const parsed = parseCnk(cnkText);
      if (parsed.ok) cnk = parsed.value.cnk;
      else rowProblems.push(at('cnk'));
    }

    let riziv: string | undefined;
    const rizivText = rule.riziv ? readField(row, rule.riziv) : undefined;
    if (rizivText) {
      const digits = normalizeRiziv(rizivText);
      if (/^\d{11}$/.test(digits)) riziv = digits;
      else rowProblems.push(at('riziv'));
    }

    let disease: Disease | undefined;
    if (rule.disease) {
      const text = readField(row, rule.disease)?.toLowerCase();
      if (text) disease = rule.disease.values[text] ?? 'other';
    }

    if (rowProblems.length > 0 || !date || !source) {
      problems.push(...rowProblems);
      return;
    }
    const name = rule.name ? readField(row, rule.name) : undefined;
    const lot = rule.lot ? readField(row, rule.lot) : undefined;
    const hostId = rule.idAttribute ? cleanText(row.getAttribute(rule.idAttribute)) : '';
    const candidate = {
      id: hostId || `${source}:${date}:${cnk ?? ''}:${index}`,
      source,
      date,
      ...(cnk ? { cnk } : {}),
      ...(name ? { name } : {}),
      ...(disease ? { disease } : {}),
      ...(riziv ? { riziv } : {}),
      ...(lot ? { lot } : {}),
    };
    const checked = checkOwnVaccination(candidate);
    if (checked) own.push(checked);
    else problems.push(at('row'));
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, own };
}
