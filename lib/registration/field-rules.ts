/**
 * Which optional fields a disease makes mandatory or forbidden, with the
 * reason to show beside a disabled or required field. Vaccinnet's rule for
 * covid-19 (domain.md): the lot number is mandatory and no adverse events may
 * be sent. The form uses this to require or disable fields; checkRegistration
 * enforces the same table.
 */
import type { Disease } from '../vaccination.ts';
import type { RegistrationIssueReason } from './reasons.ts';

export type RegistrationFieldRules =
  | {
      lot: 'required';
      lotReason: Extract<RegistrationIssueReason, 'lot-required-for-covid'>;
      adverseEvents: 'forbidden';
      adverseEventsReason: Extract<RegistrationIssueReason, 'adverse-events-not-allowed-for-covid'>;
    }
  | { lot: 'optional'; adverseEvents: 'allowed' };

const COVID_RULES: RegistrationFieldRules = Object.freeze({
  lot: 'required',
  lotReason: 'lot-required-for-covid',
  adverseEvents: 'forbidden',
  adverseEventsReason: 'adverse-events-not-allowed-for-covid',
});

const DEFAULT_RULES: RegistrationFieldRules = Object.freeze({ lot: 'optional', adverseEvents: 'allowed' });

export function registrationFieldRules(disease: Disease): RegistrationFieldRules {
  return disease === 'covid' ? COVID_RULES : DEFAULT_RULES;
}
