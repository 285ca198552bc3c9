/**
 * Registration of administered vaccinations, the extension's side: answers
 * the registration requests of the extension pages (the sender was checked
 * by the router: never a content script), keeps every registration in the
 * extension's IndexedDB before anything is sent (registration-record.ts),
 * hands it to the companion with an idempotency key made once, and follows
 * its state:
 *
 * - a round (registration-sync.ts) hands over what the companion does not
 *   have yet (after a companion outage or a stopped service worker, with the
 *   SAME key), passes on asked-for withdrawals, and, for the patients an open
 *   panel shows, asks the companion for their registrations' states
 *   (`/v1/registrations/list`); when one is `sent` (accepted upstream) it asks
 *   the hubs again, so the echo shows up (the merge then marks the line
 *   confirmed, and the companion, seeing the echo, records `confirmed`);
 * - every change is merged into the histories shown at once (`changed`).
 */
import {
  isTransientRegistrationProblem,
  listRegistrations,
  register,
  withdrawRegistration,
  type CompanionCallOptions,
  type RegistrationCallOutcome,
} from '../companion/client.ts';
import type { RegistrationRecord, RegistrationRequest } from '../companion/contract.ts';
import { parseInsz } from '../identifiers/insz.ts';
import { EXTENSION_PAGES, type RegistrationRequest as PageRegistrationRequest, type RegistrationView } from '../messages.ts';
import { brusselsToday } from '../registration/brussels-time.ts';
import { registrationSummary } from '../registration/summary.ts';
import type { Settings } from '../settings/schema.ts';
import type { OwnVaccination } from '../vaccination.ts';
import type { AlarmsLike } from './extension-api.ts';
import type { BackgroundLog } from './log.ts';
import { failure } from './privileged.ts';
import {
  importedRegistration,
  isUnsettled,
  needsHandOver,
  needsWithdrawalHandOver,
  canWithdraw,
  ownVaccinationOf,
  recordChanged,
  registrationViewOf,
  withRecord,
  type HandOverProblem,
  type LocalRegistration,
} from './registration-record.ts';
import type { RegistrationStore } from './registration-store.ts';
import { checkSubmission, issuesForPage, registrationContext } from './registration-submission.ts';
import { DEFAULT_SYNC_BACKOFF_MS, realTimers, SyncScheduler, type TimerApi } from './registration-sync.ts';
import type { RequestingPage } from './router.ts';

/** A `sent` registration's echo is looked for (by asking the hubs again) this long after it was sent. */
export const ECHO_WATCH_MS = 24 * 3600_000;
/** Settled registrations (confirmed, rejected, withdrawn) are forgotten this long after their last change. */
export const SETTLED_RETENTION_MS = 90 * 24 * 3600_000;

export interface RegistrationServiceDeps {
  store: RegistrationStore;
  settings: () => Promise<Settings>;
  secret: () => Promise<string | undefined>;
  now: () => number;
  log: BackgroundLog;
  /** The INSZ of the patient the e-Form in this tab shows (the in-page panel registers for it). */
  patientOfTab: (tabId: number) => Promise<string | undefined>;
  /** The patients an open in-page panel or side panel shows now. */
  shownPatients: () => Iterable<string>;
  /** This patient's registrations changed: merge the histories shown again. */
  changed: (insz: string) => Promise<void>;
  /** Asks the hubs again for this patient (to see the echo of a sent registration). */
  consultAgain: (insz: string) => Promise<void>;
  /** Makes idempotency keys (default `crypto.randomUUID`). */
  newKey?: () => string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  timers?: TimerApi;
  alarms?: AlarmsLike;
  backoffMs?: readonly number[];
}

export interface PatientRegistrations {
  own: OwnVaccination[];
  views: RegistrationView[];
}

type HandOverResult =
  | { kind: 'nothing' }
  | { kind: 'accepted' }
  | { kind: 'transient' }
  | { kind: 'refused'; issues: Array<{ path: string; message: string }> };

type Answer = Promise<unknown>;

const newestFirst = (a: LocalRegistration, b: LocalRegistration) => b.createdAt - a.createdAt || a.id.localeCompare(b.id);

export class RegistrationService {
  private readonly scheduler: SyncScheduler;
  private readonly inFlight = new Map<string, Promise<HandOverResult>>();
  private round: Promise<void> | undefined;
  private roundAgain = false;
  private disposed = false;

  constructor(private readonly deps: RegistrationServiceDeps) {
    this.scheduler = new SyncScheduler(() => void this.runRound(), {
      backoffMs: deps.backoffMs ?? DEFAULT_SYNC_BACKOFF_MS,
      timers: deps.timers ?? realTimers,
      ...(deps.alarms ? { alarms: deps.alarms } : {}),
      now: deps.now,
    });
  }

  // -------------------------------------------------------------------------
  // Requests of the extension pages

  handle(req: PageRegistrationRequest, from: RequestingPage): Answer {
    switch (req.type) {
      case 'registration:context':
        return this.context(req.insz, from);
      case 'registration:submit':
        return this.submit(req.submissionId, req.input, from);
      case 'registration:list':
        return this.list(req.insz);
      case 'registration:withdraw':
        return this.withdraw(req.id);
    }
  }

  /** The green lines and their views for one patient (empty when the store cannot be read). */
  async forPatient(insz: string): Promise<PatientRegistrations> {
    let locals: LocalRegistration[];
    try {
      locals = (await this.deps.store.byPatient(insz)).sort(newestFirst);
    } catch {
      this.deps.log.problem('registrations-unavailable');
      return { own: [], views: [] };
    }
    return { own: locals.map(ownVaccinationOf), views: locals.map(registrationViewOf) };
  }

  /** A panel started showing this patient: follow its unsettled registrations soon. */
  patientShown(insz: string): void {
    void this.deps.store
      .byPatient(insz)
      .then((locals) => {
        if (locals.some(isUnsettled)) this.kick();
      })
      .catch(() => undefined);
  }

  /** At service-worker start: forget long-settled registrations, then hand over what waits. */
  async resume(): Promise<void> {
    try {
      const cutoff = this.deps.now() - SETTLED_RETENTION_MS;
      for (const local of await this.deps.store.all()) {
        if (!isUnsettled(local) && local.updatedAt < cutoff) await this.deps.store.delete(local.id);
      }
    } catch {
      this.deps.log.problem('registrations-unavailable');
    }
    await this.runRound();
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.stop();
  }

  /** Runs one round now (tests; the alarm). Resolves when it is done. */
  runRound(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.round) {
      this.roundAgain = true;
      return this.round;
    }
    this.round = this.doRound()
      .catch(() => this.deps.log.problem('registration-round-failed'))
      .finally(() => {
        this.round = undefined;
        if (this.roundAgain && !this.disposed) {
          this.roundAgain = false;
          void this.runRound();
        }
      });
    return this.round;
  }

  // -------------------------------------------------------------------------

  /** The patient of the e-Form in the in-page panel's tab. */
  private async tabPatient(from: RequestingPage): Promise<string | undefined> {
    return from.tabId !== undefined ? this.deps.patientOfTab(from.tabId).catch(() => undefined) : undefined;
  }

  private async context(given: string | undefined, from: RequestingPage): Answer {
    let insz: string;
    if (from.path === EXTENSION_PAGES.panel) {
      const shown = await this.tabPatient(from);
      if (!shown) return failure('invalid', 'the e-Form shows no patient', [{ path: 'insz', message: 'no-patient' }]);
      if (given !== undefined && normalised(given) !== shown) {
        return failure('invalid', 'the e-Form shows another patient now', [{ path: 'insz', message: 'patient-changed' }]);
      }
      insz = shown;
    } else {
      const parsed = given !== undefined ? parseInsz(given) : undefined;
      if (!parsed?.ok) return failure('invalid', 'no valid INSZ', [{ path: 'insz', message: 'invalid-insz' }]);
      insz = parsed.value.insz;
    }
    const [settings, secret] = await Promise.all([this.deps.settings(), this.deps.secret().catch(() => undefined)]);
    return { ok: true, context: registrationContext(insz, settings, Boolean(secret)) };
  }

  private async submit(submissionId: string, input: Record<string, unknown>, from: RequestingPage): Answer {
    // The in-page panel registers for the patient its e-Form shows, and only for that one.
    let expected: string | undefined;
    if (from.path === EXTENSION_PAGES.panel) {
      expected = await this.tabPatient(from);
      if (!expected) return failure('invalid', 'the e-Form shows no patient', [{ path: 'patient.insz', message: 'no-patient' }]);
    }
    const patientChanged = () =>
      failure('invalid', 'the e-Form shows another patient now', [{ path: 'patient.insz', message: 'patient-changed' }]);

    const id = submissionId.toLowerCase();
    let existing: LocalRegistration | undefined;
    try {
      existing = await this.deps.store.get(id);
    } catch {
      return failure('unavailable', 'the registration could not be stored (IndexedDB unavailable); nothing was sent');
    }
    if (existing) {
      // The form repeated its request (the first answer was lost): the same registration, nothing new.
      if (expected !== undefined && existing.insz !== expected) return patientChanged();
      return { ok: true, registration: registrationViewOf(existing), duplicate: true };
    }

    const settings = await this.deps.settings();
    const today = brusselsToday(new Date(this.deps.now()));
    const checked = checkSubmission(input, settings, today);
    if (!checked.ok) return failure('invalid', 'the registration is not complete or not valid', issuesForPage(checked.issues));
    const insz = checked.value.patient.insz;
    if (expected !== undefined && insz !== expected) return patientChanged();

    const now = this.deps.now();
    const local: LocalRegistration = {
      id,
      insz,
      idempotencyKey: this.newKey(),
      createdAt: now,
      updatedAt: now,
      summary: registrationSummary(checked.value),
      input: structuredClone(input),
      handOver: { attempts: 0 },
    };
    try {
      // Kept BEFORE anything is sent: a stopped worker or an unreachable companion resends it with this key.
      await this.deps.store.put(local);
    } catch {
      return failure('unavailable', 'the registration could not be stored (IndexedDB unavailable); nothing was sent');
    }
    await this.deps.changed(insz);

    const handed = await this.handOver(id);
    if (handed.kind === 'refused') {
      // The companion refused the request itself: the form shows why; nothing was registered.
      await this.deps.store.delete(id).catch(() => undefined);
      await this.deps.changed(insz);
      return failure('invalid', 'the companion refused the registration', handed.issues);
    }
    this.kick();
    const latest = (await this.deps.store.get(id).catch(() => undefined)) ?? local;
    return { ok: true, registration: registrationViewOf(latest), duplicate: false };
  }

  private newKey(): string {
    return (this.deps.newKey ?? (() => globalThis.crypto.randomUUID()))();
  }

  private async list(given: string): Answer {
    const parsed = parseInsz(given);
    if (!parsed.ok) return failure('invalid', 'no valid INSZ', [{ path: 'insz', message: 'invalid-insz' }]);
    const insz = parsed.value.insz;
    const refreshed = await this.refreshPatient(insz);
    const { views } = await this.forPatient(insz);
    if (views.some((v) => v.state === 'pending' || v.state === 'sent')) this.kick();
    return { ok: true, registrations: views, refreshed: refreshed.refreshed };
  }

  private async withdraw(id: string): Answer {
    let local: LocalRegistration | undefined;
    try {
      local = await this.deps.store.get(id);
    } catch {
      return failure('unavailable', 'the registrations cannot be read (IndexedDB unavailable)');
    }
    if (!local) return failure('invalid', 'no such registration', [{ path: 'id', message: 'unknown-registration' }]);
    if (!canWithdraw(local)) {
      return failure('invalid', 'this registration cannot be withdrawn now', [{ path: 'id', message: 'cannot-withdraw' }]);
    }
    const requested: LocalRegistration = {
      ...local,
      updatedAt: this.deps.now(),
      withdrawal: {
        idempotencyKey: this.newKey(),
        requestedAt: this.deps.now(),
        handedOver: false,
      },
    };
    try {
      await this.deps.store.put(requested);
    } catch {
      return failure('unavailable', 'the withdrawal could not be stored (IndexedDB unavailable); nothing was sent');
    }
    await this.deps.changed(local.insz);
    const outcome = await this.handOverWithdrawal(id);
    if (outcome.kind === 'refused') {
      return failure('invalid', 'the companion refused the withdrawal', outcome.issues);
    }
    this.kick();
    const latest = (await this.deps.store.get(id).catch(() => undefined)) ?? requested;
    return { ok: true, registration: registrationViewOf(latest) };
  }

  // -------------------------------------------------------------------------
  // Talking to the companion

  private async callOptions(): Promise<CompanionCallOptions | undefined> {
    const [settings, secret] = await Promise.all([this.deps.settings(), this.deps.secret().catch(() => undefined)]);
    if (!secret) return undefined;
    return {
      baseUrl: settings.companionUrl,
      secret,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(this.deps.timeoutMs !== undefined ? { timeoutMs: this.deps.timeoutMs } : {}),
    };
  }

  /** One hand-over at a time per registration (a submission and a round may both try). */
  private handOver(id: string): Promise<HandOverResult> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const started = this.doHandOver(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, started);
    return started;
  }

  private async doHandOver(id: string): Promise<HandOverResult> {
    const local = await this.deps.store.get(id);
    if (!local || !needsHandOver(local) || !local.input) return { kind: 'nothing' };
    const opts = await this.callOptions();
    if (!opts) return this.handOverProblem(local, 'not-paired');
    // The input passed checkRegistration when it was stored; the companion checks it again.
    const registration = local.input as unknown as RegistrationRequest['registration'];
    const outcome = await register({ idempotencyKey: local.idempotencyKey, registration }, opts);
    if (this.disposed) return { kind: 'nothing' };
    if (outcome.ok) {
      await this.store(withRecord(local, outcome.value.record, this.deps.now()));
      return { kind: 'accepted' };
    }
    if (isTransientRegistrationProblem(outcome.problem)) return this.handOverProblem(local, problemOf(outcome));
    // The companion names fields from its request's root (`registration.lot`); the form names them from the input.
    const issues = (outcome.issues ?? []).map((i) => ({ path: i.path.replace(/^registration\./, ''), message: i.message }));
    this.deps.log.problem('registration-refused-by-companion', { problem: outcome.problem, issues: issues.length });
    const { input: _input, ...rest } = local;
    await this.store({
      ...rest,
      updatedAt: this.deps.now(),
      handOver: { attempts: local.handOver.attempts + 1 },
      refusal: { reason: refusalWords(outcome.problem, issues) },
    });
    return { kind: 'refused', issues };
  }

  private async handOverProblem(local: LocalRegistration, problem: HandOverProblem): Promise<HandOverResult> {
    await this.store({ ...local, updatedAt: this.deps.now(), handOver: { attempts: local.handOver.attempts + 1, problem } });
    return { kind: 'transient' };
  }

  private async handOverWithdrawal(id: string): Promise<HandOverResult> {
    const local = await this.deps.store.get(id);
    if (!local || !needsWithdrawalHandOver(local) || !local.record || !local.withdrawal) return { kind: 'nothing' };
    const withdrawal = local.withdrawal;
    const opts = await this.callOptions();
    const outcome: RegistrationCallOutcome<{ record: RegistrationRecord }> = opts
      ? await withdrawRegistration({ id: local.record.id, idempotencyKey: withdrawal.idempotencyKey }, opts)
      : { ok: false, problem: 'not-paired' };
    if (this.disposed) return { kind: 'nothing' };
    if (outcome.ok) {
      const next = withRecord(local, outcome.value.record, this.deps.now());
      next.withdrawal = { idempotencyKey: withdrawal.idempotencyKey, requestedAt: withdrawal.requestedAt, handedOver: true };
      await this.store(next);
      // Withdrawn at once: ask the hubs again so the echo of the registration goes from the history.
      if (next.record?.state === 'withdrawn') void this.deps.consultAgain(local.insz).catch(() => undefined);
      return { kind: 'accepted' };
    }
    if (isTransientRegistrationProblem(outcome.problem)) {
      await this.store({ ...local, updatedAt: this.deps.now(), withdrawal: { ...withdrawal, problem: problemOf(outcome) } });
      return { kind: 'transient' };
    }
    // Refused by the companion: the registration stays as it was; the pharmacist may try again.
    this.deps.log.problem('withdrawal-refused-by-companion', { problem: outcome.problem });
    const { withdrawal: _w, ...rest } = local;
    await this.store({ ...rest, updatedAt: this.deps.now() });
    return { kind: 'refused', issues: outcome.issues ?? [{ path: 'id', message: outcome.problem }] };
  }

  /**
   * Takes the companion's list for this patient into the store. `reconsult`:
   * the hubs are worth asking again: a registration is sent and its echo not
   * seen yet, or one was just withdrawn (its echo should go).
   */
  private async refreshPatient(insz: string): Promise<{ refreshed: boolean; reconsult: boolean }> {
    const opts = await this.callOptions();
    if (!opts) return { refreshed: false, reconsult: false };
    const outcome = await listRegistrations(insz, opts);
    if (!outcome.ok || this.disposed) return { refreshed: false, reconsult: false };
    const now = this.deps.now();
    const locals = await this.deps.store.byPatient(insz);
    const byKey = new Map(locals.map((l) => [l.idempotencyKey, l]));
    let changed = false;
    let withdrawnNow = false;
    for (const record of outcome.value.registrations) {
      const local = byKey.get(record.idempotencyKey);
      if (local && !recordChanged(local.record, record)) continue;
      if (local && record.state === 'withdrawn' && local.record?.state !== 'withdrawn') withdrawnNow = true;
      await this.deps.store.put(local ? withRecord(local, record, now) : importedRegistration(insz, record, now));
      changed = true;
    }
    if (changed) {
      this.scheduler.reset();
      await this.deps.changed(insz);
    }
    const echoWanted = outcome.value.registrations.some(
      (r) => r.state === 'sent' && now - Date.parse(r.sentAt ?? r.updatedAt) < ECHO_WATCH_MS,
    );
    return { refreshed: true, reconsult: echoWanted || withdrawnNow };
  }

  private async store(local: LocalRegistration): Promise<void> {
    if (this.disposed) return;
    await this.deps.store.put(local);
    this.scheduler.reset();
    await this.deps.changed(local.insz);
  }

  // -------------------------------------------------------------------------
  // Rounds

  private kick(): void {
    this.scheduler.reset();
    this.scheduler.next();
  }

  private async doRound(): Promise<void> {
    const locals = await this.deps.store.all();
    for (const local of locals.filter(needsHandOver)) await this.handOver(local.id);
    for (const local of locals.filter(needsWithdrawalHandOver)) await this.handOverWithdrawal(local.id);

    const shown = new Set(this.deps.shownPatients());
    const followed = new Set(
      (await this.deps.store.all()).filter((l) => l.record && isUnsettled(l) && shown.has(l.insz)).map((l) => l.insz),
    );
    // Registrations nobody looks at are followed again when a panel shows their patient (patientShown).
    for (const insz of followed) {
      const r = await this.refreshPatient(insz);
      if (r.reconsult && !this.disposed) await this.deps.consultAgain(insz).catch(() => undefined);
    }

    const remaining = await this.deps.store.all();
    const work =
      remaining.some((l) => needsHandOver(l) || needsWithdrawalHandOver(l)) ||
      remaining.some((l) => isUnsettled(l) && shown.has(l.insz));
    if (this.disposed) return;
    if (work) this.scheduler.next();
    else this.scheduler.idle();
  }
}

function normalised(insz: string): string {
  const parsed = parseInsz(insz);
  return parsed.ok ? parsed.value.insz : insz;
}

function problemOf(outcome: { problem: string }): HandOverProblem {
  switch (outcome.problem) {
    case 'companion-down':
    case 'not-paired':
    case 'timeout':
      return outcome.problem;
    default:
      return 'companion-error';
  }
}

/** Plain words for a refusal by the companion (field paths and reason codes only, never values). */
function refusalWords(problem: string, issues: ReadonlyArray<{ path: string; message: string }>): string {
  if (problem === 'conflict') return 'the companion already holds another registration under this key';
  const details = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return details ? `refused by the companion (${details})`.slice(0, 1000) : 'refused by the companion';
}
