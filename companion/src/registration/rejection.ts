/**
 * An upstream's refusal → the registration's rejection code. Hub errors come
 * typed from the hub error table (lib/kmehr/hub-errors.ts); codes the hubs
 * use for an invalid message are not public, so the only one here is the
 * simulator's. Add real codes to UPSTREAM_REJECTION_CODES when known.
 */
import type { HubError, RegistrationRejectionCode } from '../../../lib/companion/contract.ts';

export const UPSTREAM_REJECTION_CODES: Readonly<Record<string, RegistrationRejectionCode>> = {
  // Simulator convention (companion/src/simulator/registration): a message that fails the XSD or the covid rules.
  'SIM-INVALID-KMEHR': 'invalid-registration',
};

export function rejectionCodeOf(error: Pick<HubError, 'code' | 'upstreamCode'>): RegistrationRejectionCode {
  const byUpstream = error.upstreamCode !== undefined && Object.hasOwn(UPSTREAM_REJECTION_CODES, error.upstreamCode)
    ? UPSTREAM_REJECTION_CODES[error.upstreamCode]
    : undefined;
  if (byUpstream) return byUpstream;
  switch (error.code) {
    case 'no-consent':
    case 'no-relation':
    case 'excluded':
    case 'patient-unknown':
      return error.code;
    default:
      return 'refused';
  }
}

/** Hub error codes that mean "try again later" rather than "refused". */
export function isTransient(code: HubError['code']): boolean {
  return code === 'timeout' || code === 'unreachable' || code === 'auth-failed' || code === 'malformed-response' || code === 'not-supported';
}
