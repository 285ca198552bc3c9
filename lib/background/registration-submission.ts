/**
 * What the background checks before it keeps and sends a registration
 * (never trusting the form): the same `checkRegistration` the form, the
 * builder and the companion run, and, against this pharmacy's settings, that
 * the pharmacy is this one and the vaccinator one of its configured
 * pharmacists. Also the form's context (patient, pharmacy, vaccinators, what
 * is still missing in the options). Pure.
 */
import { parseInsz } from '../identifiers/insz.ts';
import { checkRegistration, type Registration } from '../registration/check.ts';
import type { RegistrationIssue } from '../registration/reasons.ts';
import { defaultVaccinatorOf, type Settings } from '../settings/schema.ts';
import type { RegistrationContext, RegistrationSetupGap } from '../messages.ts';
import { maskedInszLabel } from './panel-state.ts';

export type SubmissionCheck = { ok: true; value: Registration } | { ok: false; issues: RegistrationIssue[] };

/** checkRegistration, then this pharmacy's identity. `today` is the pharmacy's date (`YYYY-MM-DD`). */
export function checkSubmission(input: unknown, settings: Settings, today: string): SubmissionCheck {
  const checked = checkRegistration(input, today);
  if (!checked.ok) return checked;
  const issues: RegistrationIssue[] = [];
  const r = checked.value;
  if (settings.pharmacyNumber === '' || r.pharmacy.number !== settings.pharmacyNumber) {
    issues.push({ field: 'pharmacy.number', reason: 'not-allowed-value' });
  }
  if (!settings.vaccinators.some((v) => v.riziv === r.vaccinator.riziv)) {
    issues.push({ field: 'vaccinator.riziv', reason: 'not-allowed-value' });
  }
  return issues.length > 0 ? { ok: false, issues } : checked;
}

/** What the options page still has to set before a registration can be sent. */
export function setupGaps(settings: Settings, paired: boolean): RegistrationSetupGap[] {
  const gaps: RegistrationSetupGap[] = [];
  if (settings.pharmacyNumber === '') gaps.push('pharmacy-number');
  if (settings.pharmacyName === '') gaps.push('pharmacy-name');
  if (settings.vaccinators.length === 0) gaps.push('vaccinators');
  if (!paired) gaps.push('pairing');
  return gaps;
}

/** The form's context for a patient (`insz`: 11 valid digits). */
export function registrationContext(insz: string, settings: Settings, paired: boolean): RegistrationContext {
  if (!parseInsz(insz).ok) throw new RangeError('registrationContext: not a valid INSZ');
  const proposed = defaultVaccinatorOf(settings);
  return {
    patient: { insz, label: maskedInszLabel(insz) },
    pharmacy: { number: settings.pharmacyNumber, name: settings.pharmacyName },
    vaccinators: settings.vaccinators.map((v) => ({ ...v })),
    ...(proposed ? { defaultVaccinator: proposed.riziv } : {}),
    seasonWindow: { ...settings.seasonWindow },
    missing: setupGaps(settings, paired),
  };
}

/** Issues as a privileged failure carries them: `{ path: field, message: reason code }`. */
export function issuesForPage(issues: readonly RegistrationIssue[]): Array<{ path: string; message: string }> {
  return issues.map((i) => ({ path: i.field, message: i.reason }));
}
