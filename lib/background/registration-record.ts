/**
 * A registration as the extension keeps it (in its own IndexedDB, see
 * registration-store.ts) from the moment the pharmacist sends the form:
 *
 * 1. stored with an idempotency key made ONCE, before anything is sent;
 * 2. handed over to the companion (`POST /v1/registrations`), again and again
 *    with the same key until the companion holds it (a service worker stopped
 *    mid-request, or a companion outage, never makes a second registration);
 * 3. from then on the companion's record (pending → sent → confirmed, or
 *    rejected; withdrawn) is the truth, refreshed with `/v1/registrations/list`.
 *
 * The checked input (with the patient's INSZ and names) is kept only until the
 * companion holds the registration; the summary (no patient identity) stays.
 *
 * Pure functions here: the state shown, the green history line, the view the
 * pages get, what is left to do.
 */
import { z } from 'zod';
import { RegistrationRecord } from '../companion/contract.ts';
import { IdempotencyKey } from '../registration/idempotency-key.ts';
import { RegistrationSummary } from '../registration/summary.ts';
import type { RegistrationView } from '../messages.ts';
import type { OwnVaccination, RegistrationState } from '../vaccination.ts';

/**
 * The source shown at the end of the green line of a registration made through
 * this product. The architecture knows three sources (`FarmaFlux`, `PopVax
 * FarmaFlux`, `Vaccicard`) and the acceptance markup allows no other: this
 * product registers vaccinations the way the platform's PopVax vaccination
 * module does (an administered vaccination sent to Vaccicard from the
 * vaccination e-Form), so its lines carry `PopVax FarmaFlux`. `FarmaFlux`
 * stays the platform's own file; `Vaccicard` what the hubs return.
 */
export const REGISTRATION_LINE_SOURCE = 'PopVax FarmaFlux' as const;

/** Why the extension could not hand a registration to the companion yet. */
export const HandOverProblem = z.enum(['companion-down', 'not-paired', 'timeout', 'companion-error']);
export type HandOverProblem = z.infer<typeof HandOverProblem>;

export const LocalRegistration = z.object({
  /** The form's submission id (or `companion-<id>` for one first seen in the companion's list). */
  id: z.string().min(1).max(120),
  insz: z.string().regex(/^\d{11}$/),
  idempotencyKey: IdempotencyKey,
  createdAt: z.number(),
  updatedAt: z.number(),
  summary: RegistrationSummary,
  /** The RegistrationInput as checked, kept until the companion holds it (to send it again). */
  input: z.record(z.string(), z.unknown()).optional(),
  handOver: z.object({
    attempts: z.number().int().nonnegative(),
    problem: HandOverProblem.optional(),
  }),
  /** The companion refused it for good (a bad request or a reused key): it is not retried. */
  refusal: z.object({ reason: z.string().max(1000) }).optional(),
  /** The companion's record, as last seen. */
  record: RegistrationRecord.optional(),
  /** A withdrawal asked for here: its key is made once and reused until the companion has it. */
  withdrawal: z
    .object({
      idempotencyKey: IdempotencyKey,
      requestedAt: z.number(),
      handedOver: z.boolean(),
      problem: HandOverProblem.optional(),
    })
    .optional(),
});
export type LocalRegistration = z.infer<typeof LocalRegistration>;

/** The state the history shows. */
export function registrationStateOf(local: LocalRegistration): RegistrationState {
  if (local.record) return local.record.state;
  return local.refusal ? 'rejected' : 'pending';
}

/** Still has to be handed over to the companion. */
export function needsHandOver(local: LocalRegistration): boolean {
  return !local.record && !local.refusal && local.input !== undefined;
}

/** A withdrawal asked for here that the companion does not have yet. */
export function needsWithdrawalHandOver(local: LocalRegistration): boolean {
  return local.withdrawal !== undefined && !local.withdrawal.handedOver && local.record !== undefined;
}

/** Its state may still change without the pharmacist doing anything (worth asking the companion). */
export function isUnsettled(local: LocalRegistration): boolean {
  if (needsHandOver(local) || needsWithdrawalHandOver(local)) return true;
  const record = local.record;
  if (!record) return false;
  return record.state === 'pending' || record.state === 'sent' || record.withdrawal?.state === 'pending';
}

const WITHDRAWABLE: ReadonlySet<RegistrationState> = new Set(['pending', 'sent', 'confirmed']);

/** The withdraw button is offered: the companion holds it, it counts as given, and no withdrawal is under way. */
export function canWithdraw(local: LocalRegistration): boolean {
  const record = local.record;
  if (!record || !WITHDRAWABLE.has(record.state)) return false;
  if (record.withdrawal?.state === 'pending') return false;
  if (!local.withdrawal) return true;
  // A withdrawal the upstream refused may be asked for again.
  return local.withdrawal.handedOver && record.withdrawal?.state === 'failed';
}

function withdrawalOf(local: LocalRegistration): RegistrationView['withdrawal'] {
  const record = local.record;
  if (record?.state === 'withdrawn') return undefined;
  if (record?.withdrawal) {
    return {
      state: record.withdrawal.state,
      ...(record.withdrawal.reason !== undefined ? { reason: record.withdrawal.reason } : {}),
    };
  }
  if (local.withdrawal && !local.withdrawal.handedOver) return { state: 'requested' };
  return undefined;
}

export function registrationViewOf(local: LocalRegistration): RegistrationView {
  const record = local.record;
  const state = registrationStateOf(local);
  const view: RegistrationView = {
    id: local.id,
    state,
    acceptedByCompanion: record !== undefined,
    canWithdraw: canWithdraw(local),
    vaccination: local.summary,
    createdAt: local.createdAt,
  };
  const reason = record?.reason ?? local.refusal?.reason;
  if (reason !== undefined && (state === 'rejected' || state === 'withdrawn')) view.reason = reason;
  if (record?.rejectionCode) view.rejectionCode = record.rejectionCode;
  else if (local.refusal) view.rejectionCode = 'refused-by-companion';
  if (!record && local.handOver.problem) view.handOverProblem = local.handOver.problem;
  if (record?.state === 'pending' && record.lastError) view.deliveryProblem = record.lastError.code;
  const withdrawal = withdrawalOf(local);
  if (withdrawal) view.withdrawal = withdrawal;
  return view;
}

/** The registration as one of this pharmacy's own vaccinations, for the history merge (a green line). */
export function ownVaccinationOf(local: LocalRegistration): OwnVaccination {
  const s = local.summary;
  const state = registrationStateOf(local);
  const reason = local.record?.reason ?? local.refusal?.reason;
  return {
    id: `registration-${local.id}`,
    source: REGISTRATION_LINE_SOURCE,
    date: s.administrationDate,
    cnk: s.cnk,
    name: s.name,
    disease: s.disease,
    riziv: s.vaccinatorRiziv,
    ...(s.lot !== undefined ? { lot: s.lot } : {}),
    registration: {
      id: local.id,
      state,
      ...(reason !== undefined && (state === 'rejected' || state === 'withdrawn') ? { reason } : {}),
    },
  };
}

/** The companion's record differs from the one kept (worth storing and showing). */
export function recordChanged(before: RegistrationRecord | undefined, after: RegistrationRecord): boolean {
  return before === undefined || before.updatedAt !== after.updatedAt || before.state !== after.state
    || JSON.stringify(before.withdrawal) !== JSON.stringify(after.withdrawal);
}

/** Takes the companion's record: the companion holds it now, so the input (patient identity) is no longer kept. */
export function withRecord(local: LocalRegistration, record: RegistrationRecord, now: number): LocalRegistration {
  const { input: _input, ...rest } = local;
  const next: LocalRegistration = { ...rest, record, updatedAt: now, handOver: { attempts: local.handOver.attempts } };
  // A withdrawal the companion reports has been handed over, whatever this side knew.
  if (next.withdrawal && (record.withdrawal || record.state === 'withdrawn')) {
    next.withdrawal = { ...next.withdrawal, handedOver: true };
    delete next.withdrawal.problem;
  }
  return next;
}

/** A registration of this patient first seen in the companion's list (made from another browser profile, or kept there after this store was emptied). */
export function importedRegistration(insz: string, record: RegistrationRecord, now: number): LocalRegistration {
  const created = Date.parse(record.createdAt);
  return {
    id: `companion-${record.id}`,
    insz,
    idempotencyKey: record.idempotencyKey,
    createdAt: Number.isNaN(created) ? now : created,
    updatedAt: now,
    summary: record.vaccination,
    handOver: { attempts: 0 },
    record,
  };
}
