/** One line per check: status, what was checked, what was found, and what to fix. */
import type { Translate } from '../../../lib/i18n/translate.ts';
import type { DoctorStringKey } from './strings.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  status: CheckStatus;
  subject: string;
  text: string;
  fix?: string;
  /** Sub-lines (e.g. every configuration problem). */
  details?: string[];
}

const LABEL: Readonly<Record<CheckStatus, string>> = { ok: 'OK  ', warn: 'WARN', fail: 'FAIL' };

export function formatDoctorReport(checks: readonly DoctorCheck[], t: Translate<DoctorStringKey>): string {
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${LABEL[c.status]}  ${c.subject}: ${c.text}${c.fix ? ` (${t('fixPrefix')}: ${c.fix})` : ''}`);
    for (const d of c.details ?? []) lines.push(`        - ${d}`);
  }
  return lines.join('\n');
}

export function hasFailure(checks: readonly DoctorCheck[]): boolean {
  return checks.some((c) => c.status === 'fail');
}
