/**
 * Hub answers → one typed outcome, through ONE editable table.
 *
 * Hub services v3 report problems in `acknowledge/error` (a `cd`, usually
 * S="CD-ERROR", and a `description`), and `iscomplete` can be true even when
 * errors are present: every error is read. SOAP Faults (security, server) are
 * mapped here too.
 *
 * Only Vitalink's codes are public (domain.md). RSW's and RSB's codes for
 * consent, therapeutic relation and exclusion are not: when they are known,
 * add them to `HUB_ERROR_CODES.rsw` / `.rsb` (a hub's own row wins over the
 * shared one). An unknown code is a `hub-error` with its code and description,
 * so nothing is hidden.
 */
import type { HubError, HubErrorCode } from '../companion/contract.ts';
import type { HubId } from '../vaccination.ts';

export type HubOutcome =
  | { kind: 'ok' }
  | { kind: 'no-data' }
  | { kind: 'error'; code: HubErrorCode; upstreamCode?: string; description: string };

export interface AcknowledgeError {
  /** The `cd` value (e.g. `365`). */
  code?: string;
  /** The `cd`'s S (and SL), e.g. `CD-ERROR`. */
  codeSystem?: string;
  description?: string;
  url?: string;
}

export interface Acknowledge {
  /** `acknowledge/iscomplete`. */
  complete: boolean;
  errors: AcknowledgeError[];
}

export interface HubCodeRule {
  outcome: HubErrorCode | 'no-data';
  /** What the code means, in words (shown when the hub gives no description). */
  meaning: string;
  /** Where the mapping comes from. */
  source: string;
}

export type HubErrorTable = Readonly<Record<'all' | HubId, Readonly<Record<string, HubCodeRule>>>>;

const VITALINK = 'Vitalink hub error codes (domain.md); assumed to be shared by the intrahub hubs, unverified for RSW and RSB';

/**
 * The table. `all` applies to every hub; `rsw` and `rsb` hold each hub's own
 * codes and override `all`. Codes are compared as trimmed text.
 */
export const HUB_ERROR_CODES: HubErrorTable = {
  all: {
    '202': { outcome: 'no-data', meaning: 'no data found for this request', source: VITALINK },
    '360': { outcome: 'no-relation', meaning: 'no therapeutic relation with the patient', source: VITALINK },
    '365': { outcome: 'no-consent', meaning: 'the patient has not given consent', source: VITALINK },
    '400': { outcome: 'patient-unknown', meaning: 'the patient is unknown to the hub', source: VITALINK },
    // No public hub code for "the patient excluded this provider" is known. The
    // simulator speaks this one so the badge state can be shown and tested end to
    // end; a real hub never sends it. Replace with the hubs' codes once known.
    'SIM-EXCLUDED': {
      outcome: 'excluded',
      meaning: 'the patient has excluded this care provider',
      source: 'simulator convention (companion/src/simulator); no public RSW/RSB code known',
    },
  },
  // Réseau Santé Wallon: codes not public. Add e.g. '<code>': { outcome: 'excluded', meaning, source }.
  rsw: {},
  // Réseau Santé Bruxellois (Abrumet): codes not public.
  rsb: {},
};

/**
 * SOAP Fault codes (local part, any prefix) → outcome. WS-Security faults
 * (OASIS WSS 1.1, section 12) mean the token or signature was refused.
 */
export const SOAP_FAULT_CODES: Readonly<Record<string, HubErrorCode>> = {
  FailedAuthentication: 'auth-failed',
  InvalidSecurity: 'auth-failed',
  InvalidSecurityToken: 'auth-failed',
  UnsupportedSecurityToken: 'auth-failed',
  SecurityTokenUnavailable: 'auth-failed',
  FailedCheck: 'auth-failed',
  MessageExpired: 'auth-failed',
};

/** When several errors come back, the one the pharmacist must act on first is shown. */
const PRIORITY: readonly HubErrorCode[] = [
  'excluded',
  'no-consent',
  'no-relation',
  'patient-unknown',
  'auth-failed',
  'not-supported',
  'malformed-response',
  'timeout',
  'unreachable',
  'hub-error',
];

const MAX_DESCRIPTION = 300;

/**
 * Makes upstream text safe for logs and the UI: runs of 8 or more digits,
 * with or without separators (an INSZ, a RIZIV, a full date that may be a
 * birth date) become `[number]`, control characters go, and the text is
 * capped.
 */
export function sanitizeUpstreamText(text: string | undefined): string {
  if (text === undefined) return '';
  const cleaned = text
    .replace(/\d(?:[\s./-]?\d){7,}/g, '[number]')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_DESCRIPTION ? `${cleaned.slice(0, MAX_DESCRIPTION - 1)}…` : cleaned;
}

function ruleFor(code: string | undefined, hub: HubId | undefined, table: HubErrorTable): HubCodeRule | undefined {
  if (code === undefined) return undefined;
  const key = code.trim();
  const own = hub !== undefined ? table[hub] : undefined;
  if (own && Object.prototype.hasOwnProperty.call(own, key)) return own[key];
  if (Object.prototype.hasOwnProperty.call(table.all, key)) return table.all[key];
  return undefined;
}

/**
 * Reads an acknowledge: no error → ok (whatever `iscomplete` says: the
 * caller still sees `complete`); only no-data codes → no-data; else the most
 * important error, with the number of the others.
 */
export function outcomeFromAcknowledge(ack: Acknowledge, hub?: HubId, table: HubErrorTable = HUB_ERROR_CODES): HubOutcome {
  if (ack.errors.length === 0) return { kind: 'ok' };
  const mapped = ack.errors.map((error) => {
    const rule = ruleFor(error.code, hub, table);
    return { error, rule, outcome: rule?.outcome ?? ('hub-error' as const) };
  });
  const failures = mapped.filter((m) => m.outcome !== 'no-data');
  if (failures.length === 0) return { kind: 'no-data' };
  const rank = (c: HubErrorCode | 'no-data') => {
    const i = PRIORITY.indexOf(c as HubErrorCode);
    return i === -1 ? PRIORITY.length : i;
  };
  failures.sort((a, b) => rank(a.outcome) - rank(b.outcome));
  const chosen = failures[0]!;
  const base =
    sanitizeUpstreamText(chosen.error.description) ||
    chosen.rule?.meaning ||
    (chosen.error.code ? `the hub answered with error code ${sanitizeUpstreamText(chosen.error.code)}` : 'the hub answered with an error');
  const others = ack.errors.length - 1;
  const outcome: HubOutcome = {
    kind: 'error',
    code: chosen.outcome as HubErrorCode,
    description: others > 0 ? `${base} (and ${others} other error${others > 1 ? 's' : ''})` : base,
  };
  const upstreamCode = sanitizeUpstreamText(chosen.error.code);
  if (upstreamCode) outcome.upstreamCode = upstreamCode.slice(0, 100);
  return outcome;
}

export interface SoapFault {
  /** faultcode (SOAP 1.1) or Code/Value (+ Subcode values) (SOAP 1.2), as written. */
  codes: string[];
  reason?: string;
  /** A code found in the fault detail (eHealth `Code`), when any. */
  detailCode?: string;
  detailMessage?: string;
}

export function outcomeFromSoapFault(fault: SoapFault): HubOutcome {
  const locals = fault.codes.map((c) => {
    const t = c.trim();
    const colon = t.lastIndexOf(':');
    return colon === -1 ? t : t.slice(colon + 1);
  });
  const known = locals.map((l) => (Object.prototype.hasOwnProperty.call(SOAP_FAULT_CODES, l) ? SOAP_FAULT_CODES[l] : undefined));
  const code = known.find((k): k is HubErrorCode => k !== undefined) ?? 'hub-error';
  const description =
    sanitizeUpstreamText([fault.reason, fault.detailMessage].filter(Boolean).join(' - ')) || 'the hub answered with a SOAP fault';
  const upstream = sanitizeUpstreamText(fault.detailCode ?? locals.find((l) => l.length > 0));
  const outcome: HubOutcome = { kind: 'error', code, description: `SOAP fault: ${description}` };
  if (upstream) outcome.upstreamCode = upstream.slice(0, 100);
  return outcome;
}

/** The contract's HubError for an error outcome (what the companion sends the extension). */
export function hubErrorFromOutcome(outcome: Extract<HubOutcome, { kind: 'error' }>): HubError {
  const error: HubError = { code: outcome.code, message: outcome.description.slice(0, 1000) };
  if (outcome.upstreamCode !== undefined) error.upstreamCode = outcome.upstreamCode.slice(0, 100);
  return error;
}
