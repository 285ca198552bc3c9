/** The background's field problems, sorted per form field and put in words. */
import type { PrivilegedFailure } from '../../lib/messages.ts';
import { issueKey, type OptionsKey } from '../../lib/i18n/strings/options.ts';
import type { Translate } from '../../lib/i18n/translate.ts';

export type Issues = NonNullable<PrivilegedFailure['error']['issues']>;

/** Problems whose path is `field` or under it (`pharmacistRizivs.2`). */
export function issuesFor(issues: Issues, field: string): Issues {
  return issues.filter((i) => i.path === field || i.path.startsWith(`${field}.`));
}

export function issueWords(t: Translate<OptionsKey>, issues: Issues): string[] {
  return [...new Set(issues.map((i) => t(issueKey(i.message))))];
}

/** Index of the list item an issue is about (`pharmacistRizivs.2` → 2). */
export function itemIndex(path: string): number | undefined {
  const m = /\.(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

export type SaveOutcome = { kind: 'saved' } | { kind: 'invalid'; issues: Issues } | { kind: 'failed'; unavailable: boolean };
