/**
 * Registering a vaccination through the companion: the rules again (the
 * form is not the only guard), the route, the KMEHR message built once, and
 * the outbox, which holds it on disk before the API answers "accepted".
 * Also the list of a patient's registrations, withdrawals, and the echo
 * confirmation fed by consultations.
 *
 * Order for a registration request:
 *   1. the idempotency key: known with the same normalised request →
 *      the existing record (`duplicate`); known with another → conflict;
 *   2. checkRegistration (date, catalog, CNK check digit, covid: lot
 *      required and no adverse events) → 400 with every issue;
 *   3. this pharmacy: the pharmacy number is the configured one and the
 *      vaccinator one of its configured pharmacists;
 *   4. the route (routing.ts) → 400 when its destination is unavailable;
 *   5. the KMEHR message (buildVaccinationKmehr, with the registration id as
 *      message id and LOCAL transaction id);
 *   6. stored and fsynced (store.register); only then the answer.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RegistrationDestination, type HubResult } from '../../../lib/companion/contract.ts';
import { buildVaccinationKmehr, KmehrBuildError, type SoftwareInfo } from '../../../lib/kmehr/build.ts';
import { recordsFromConsult } from '../../../lib/kmehr/consult.ts';
import { checkRegistration, type CheckRegistrationOptions } from '../../../lib/registration/check.ts';
import { IdempotencyKey } from '../../../lib/registration/idempotency-key.ts';
import { RegistrationInput } from '../../../lib/registration/input.ts';
import { registrationSummary } from '../../../lib/registration/summary.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { AcceptedRegistration, OutboxRecord } from '../outbox/entries.ts';
import type { OutboxStore } from '../outbox/store.ts';
import { NO_TEST_HOOKS, type OutboxTestHooks } from '../outbox/test-hooks.ts';
import { requestDigest } from './canonical-json.ts';
import { matchEchoes, type EchoedLine } from './echo.ts';
import { ROUTE_REFUSAL_WORDS, routeRegistration, type AvailableChannels, type RoutingSettings } from './routing.ts';

/** The request's envelope; the registration itself is judged by checkRegistration. */
export const RegistrationEnvelope = z
  .object({ idempotencyKey: IdempotencyKey, registration: z.unknown(), destination: RegistrationDestination.optional() })
  .strict();
export type RegistrationEnvelope = z.output<typeof RegistrationEnvelope>;

/** Reason codes the companion adds to checkRegistration's (API issue messages). */
export const COMPANION_ISSUE_REASONS = {
  notThisPharmacy: 'not-this-pharmacy',
  notAPharmacistHere: 'not-a-pharmacist-of-this-pharmacy',
  destinationUnavailable: 'destination-unavailable',
} as const;

export interface ApiIssue {
  path: string;
  message: string;
}

export type AcceptResult =
  | { kind: 'accepted'; record: OutboxRecord; duplicate: boolean }
  | { kind: 'invalid'; message: string; issues: ApiIssue[] }
  | { kind: 'conflict' };

export type WithdrawResult =
  | { kind: 'ok'; record: OutboxRecord }
  | { kind: 'not-found' }
  | { kind: 'conflict' };

export interface RegistrationServiceOptions {
  store: OutboxStore;
  routing: RoutingSettings;
  available: AvailableChannels;
  /** The configured pharmacy and the RIZIV numbers of its pharmacists. */
  pharmacy: { pharmacyNumber: string; pharmacistRizivs: readonly string[] };
  software: SoftwareInfo;
  hooks?: OutboxTestHooks;
  check?: CheckRegistrationOptions;
  now?: () => Date;
  newId?: () => string;
}

function fieldPath(field: string): string {
  return field === '' ? 'registration' : `registration.${field}`;
}

export class RegistrationService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly hooks: OutboxTestHooks;

  constructor(private readonly options: RegistrationServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.hooks = options.hooks ?? NO_TEST_HOOKS;
  }

  get store(): OutboxStore {
    return this.options.store;
  }

  async accept(request: RegistrationEnvelope, signal: AbortSignal): Promise<AcceptResult> {
    const { store } = this.options;
    const normalised = RegistrationInput.safeParse(request.registration);
    const digest = normalised.success ? requestDigest({ registration: normalised.data, destination: request.destination ?? null }) : undefined;

    const known = store.byIdempotencyKey(request.idempotencyKey);
    if (known) return known.requestHash === digest ? { kind: 'accepted', record: known, duplicate: true } : { kind: 'conflict' };

    const now = this.now();
    const checked = checkRegistration(request.registration, now, this.options.check);
    if (!checked.ok) {
      return {
        kind: 'invalid',
        message: 'the registration is not valid',
        issues: checked.issues.map((i) => ({ path: fieldPath(i.field), message: i.reason })),
      };
    }
    const registration = checked.value;
    const issues: ApiIssue[] = [];
    if (registration.pharmacy.number !== this.options.pharmacy.pharmacyNumber) {
      issues.push({ path: 'registration.pharmacy.number', message: COMPANION_ISSUE_REASONS.notThisPharmacy });
    }
    if (!this.options.pharmacy.pharmacistRizivs.includes(registration.vaccinator.riziv)) {
      issues.push({ path: 'registration.vaccinator.riziv', message: COMPANION_ISSUE_REASONS.notAPharmacistHere });
    }
    if (issues.length > 0) return { kind: 'invalid', message: 'the registration is not for this pharmacy', issues };

    const route = routeRegistration(this.options.routing, this.options.available, request.destination);
    if (!route.ok) {
      return {
        kind: 'invalid',
        message: ROUTE_REFUSAL_WORDS[route.refusal],
        issues: [{ path: 'destination', message: COMPANION_ISSUE_REASONS.destinationUnavailable }],
      };
    }

    const id = this.newId();
    let kmehr: string;
    try {
      kmehr = buildVaccinationKmehr(request.registration as Parameters<typeof buildVaccinationKmehr>[0], {
        messageId: id,
        registrationId: id,
        now,
        target: route.target,
        software: this.options.software,
        ...(this.options.check?.catalog && { catalog: this.options.check.catalog }),
        ...(this.options.check?.maxAgeDays !== undefined && { maxAgeDays: this.options.check.maxAgeDays }),
      });
    } catch (e) {
      if (e instanceof KmehrBuildError) {
        return { kind: 'invalid', message: 'the registration is not valid', issues: e.issues.map((i) => ({ path: fieldPath(i.field), message: i.reason })) };
      }
      throw e;
    }

    const accepted: AcceptedRegistration = {
      id,
      idempotencyKey: request.idempotencyKey,
      requestHash: digest!,
      insz: registration.patient.insz,
      destination: route.destination,
      ...(route.destination === 'vaccicard' && { hub: route.hub }),
      kmehr,
      kmehrId: `${registration.vaccinator.riziv}.${id}`,
      summary: registrationSummary(registration),
      createdAt: now.toISOString(),
    };
    const stored = await store.register(accepted);
    if (stored.kind === 'conflict') return { kind: 'conflict' };
    if (stored.kind === 'created') await this.hooks.reach('accepted', [id], signal);
    return { kind: 'accepted', record: stored.record, duplicate: stored.kind === 'duplicate' };
  }

  list(insz: string): OutboxRecord[] {
    return this.options.store.forPatient(insz);
  }

  async withdraw(id: string, idempotencyKey: string): Promise<WithdrawResult> {
    const r = await this.options.store.requestWithdrawal(id, idempotencyKey);
    if (r.kind === 'not-found' || r.kind === 'conflict') return r;
    return { kind: 'ok', record: r.record };
  }

  /**
   * After a consultation of `insz`: marks confirmed the registrations whose
   * echo came back (echo.ts). Returns the ids that changed.
   */
  async confirmFromConsult(insz: string, results: Partial<Record<HubId, HubResult>>): Promise<string[]> {
    const candidates = this.options.store
      .forPatient(insz)
      .filter((r) => r.destination === 'vaccicard' && (r.state === 'pending' || r.state === 'sent'));
    if (candidates.length === 0) return [];
    const { records } = recordsFromConsult({ hubs: results }, { expectedInsz: insz, ...(this.options.check?.catalog && { catalog: this.options.check.catalog }) });
    const lines: EchoedLine[] = records.map(({ record }) => ({
      transactionIds: record.transactionIds,
      date: record.date,
      ...(record.cnk !== undefined && { cnk: record.cnk }),
      ...(record.vaccinator?.riziv !== undefined && { vaccinatorRiziv: record.vaccinator.riziv }),
      ...(record.lifecycle !== undefined && { lifecycle: record.lifecycle }),
    }));
    const ids = matchEchoes(
      candidates.map((c) => ({
        id: c.id,
        createdAt: c.createdAt,
        administrationDate: c.summary.administrationDate,
        cnk: c.summary.cnk,
        vaccinatorRiziv: c.summary.vaccinatorRiziv,
        // Only a delivered registration may be confirmed by a look-alike line; a pending one needs its own id back.
        byContent: c.state === 'sent',
      })),
      lines,
    );
    if (ids.length === 0) return [];
    return (await this.options.store.confirm(ids)).map((r) => r.id);
  }
}
