/**
 * One JSON line per request, and a few lifecycle events. Nothing in a line
 * identifies a patient: the INSZ is replaced by `patientRef`, a truncated
 * HMAC-SHA256 under a per-install random key, so lines about the same patient
 * can be correlated on this machine without the number being recoverable
 * from the log alone. No secret, token or key material is ever passed here.
 */
import { createHmac } from 'node:crypto';
import type { ApiErrorCode, HubErrorCode } from '../../../lib/companion/contract.ts';
import type { HubId, RegistrationState } from '../../../lib/vaccination.ts';

export type Operation = 'health' | 'consult' | 'register' | 'registration-list' | 'withdraw' | 'unknown';

/** What a registration request did, for its log line (no patient data; the id is a random UUID). */
export interface RegistrationOutcome {
  id?: string;
  state?: RegistrationState;
  duplicate?: boolean;
  destination?: string;
  hub?: HubId;
  /** registration-list: how many records. */
  count?: number;
}

export interface HubOutcome {
  outcome: 'ok' | HubErrorCode;
  transactions?: number;
  upstreamCode?: string;
  durationMs: number;
}

export interface RequestLogEntry {
  op: Operation;
  method: string;
  status: number;
  durationMs: number;
  error?: ApiErrorCode;
  hubs?: Partial<Record<HubId, HubOutcome>>;
  patientRef?: string;
  /** The client went away before the answer was sent. */
  clientGone?: boolean;
  registration?: RegistrationOutcome;
}

export type EventFields = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface CompanionLogger {
  patientRef(insz: string): string;
  request(entry: RequestLogEntry): void;
  event(name: string, fields?: EventFields): void;
}

/** 16 hex digits (64 bits): enough to correlate, too short to be a secret. */
export function patientRefFor(key: Uint8Array, insz: string): string {
  return createHmac('sha256', key).update(insz, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Belt and braces for free-text event fields: anything shaped like an INSZ
 * (11 digits, or `85.07.30-033.28` with any of the usual separators) is cut.
 */
const INSZ_SHAPED = /\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[.\s-]?\d{3}[.\s-]?\d{2}/g;
export function redactIdentifiers(text: string): string {
  return text.replace(INSZ_SHAPED, '[redacted]');
}

/**
 * A personal certificate's CN carries its owner's national number
 * (`SSIN=80010112379, …`): shown outside the companion masked (`80…79`), like
 * any standalone 11-digit number.
 */
export function maskNationalNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{11}(?!\d)/g, (d) => `${d.slice(0, 2)}…${d.slice(-2)}`);
}

function clean(fields: EventFields | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    if (typeof v === 'string') out[k] = redactIdentifiers(v);
    else if (Array.isArray(v)) out[k] = v.map((s: string) => redactIdentifiers(s));
    else out[k] = v;
  }
  return out;
}

export interface JsonLoggerOptions {
  /** Receives one complete JSON line (with its trailing newline). */
  write: (line: string) => void;
  patientRefKey: Uint8Array;
  now?: () => Date;
}

export function createJsonLogger({ write, patientRefKey, now = () => new Date() }: JsonLoggerOptions): CompanionLogger {
  const emit = (record: Record<string, unknown>) => write(`${JSON.stringify({ time: now().toISOString(), ...record })}\n`);
  return {
    patientRef: (insz) => patientRefFor(patientRefKey, insz),
    request: (entry) =>
      emit({
        kind: 'request',
        op: entry.op,
        method: entry.method,
        status: entry.status,
        durationMs: Math.round(entry.durationMs),
        ...(entry.error && { error: entry.error }),
        ...(entry.hubs && { hubs: entry.hubs }),
        ...(entry.registration && { registration: entry.registration }),
        ...(entry.patientRef && { patientRef: entry.patientRef }),
        ...(entry.clientGone && { clientGone: true }),
      }),
    event: (name, fields) => emit({ kind: 'event', event: name, ...clean(fields) }),
  };
}
