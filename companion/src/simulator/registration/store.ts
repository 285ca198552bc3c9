/**
 * What the simulated upstreams (RSW, RSB, Vaccinnet) stored: registrations
 * received by PutTransaction / AddVaccinations, and their revocation. With a
 * state file the store survives the process (the outbox crash test kills the
 * companion, and its in-process simulator with it): every change is written
 * and fsynced to a journal (the outbox's journal format) BEFORE the
 * simulator answers, like a real hub commits before it acknowledges.
 *
 * One registration is one stored transaction: a second delivery carrying
 * the same registration id (the LOCAL id this product writes) or, without
 * one, the same KMEHR header id, is recognised as the same registration,
 * answered with the same upstream id and counted (`deliveries`), never
 * stored twice. That is the simulator's choice; how RSW, RSB and Vaccinnet
 * treat such a resend is not known (companion/README.md).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Journal } from '../../outbox/journal.ts';
import { scanJournal } from '../../outbox/journal-scan.ts';

export const SimulatedUpstream = z.enum(['rsw', 'rsb', 'vaccinnet']);
export type SimulatedUpstream = z.infer<typeof SimulatedUpstream>;

export const StoredRegistration = z
  .object({
    upstream: SimulatedUpstream,
    /** The upstream's own id (hub LOCAL transaction id value, or Vaccinnet VaccinationId). */
    handle: z.string().min(1),
    /** This product's registration id (LOCAL, SL vaccicard-overlay-registration), when the message has one. */
    registrationId: z.string().optional(),
    /** The message header id. */
    kmehrId: z.string(),
    insz: z.string().regex(/^\d{11}$/),
    /** The standalone KMEHR message as received. */
    kmehr: z.string(),
    storedAt: z.string(),
    revoked: z.boolean(),
    /** Deliveries received for it (1 + resends recognised as the same registration). */
    deliveries: z.number().int().positive(),
  })
  .strict();
export type StoredRegistration = z.infer<typeof StoredRegistration>;

const StoreEvent = z.discriminatedUnion('op', [
  z.object({ op: z.literal('stored'), registration: StoredRegistration }).strict(),
  z.object({ op: z.literal('delivered-again'), upstream: SimulatedUpstream, handle: z.string() }).strict(),
  z.object({ op: z.literal('revoked'), upstream: SimulatedUpstream, handle: z.string() }).strict(),
]);
type StoreEvent = z.infer<typeof StoreEvent>;

export interface StoreInput {
  upstream: SimulatedUpstream;
  registrationId?: string;
  kmehrId: string;
  insz: string;
  kmehr: string;
}

export type StoreOutcome = { kind: 'stored' | 'same-registration'; registration: StoredRegistration };

const keyOf = (upstream: string, input: { registrationId?: string; kmehrId: string }) =>
  input.registrationId !== undefined ? `${upstream}|reg|${input.registrationId}` : `${upstream}|kmehr|${input.kmehrId}`;

export class SimulatedRegistrationStore {
  private readonly byHandle = new Map<string, StoredRegistration>();
  private readonly byKey = new Map<string, StoredRegistration>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly journal: Journal | undefined) {}

  /** In memory, or persisted in `stateFile` (created if needed). */
  static async open(stateFile?: string): Promise<SimulatedRegistrationStore> {
    if (!stateFile) return new SimulatedRegistrationStore(undefined);
    const opened = await Journal.open(stateFile);
    const store = new SimulatedRegistrationStore(opened.journal);
    for (const raw of opened.entries) store.apply(StoreEvent.parse(raw));
    return store;
  }

  /** Reads a state file without opening it for writing (tests count what the simulator stored). */
  static async inspect(stateFile: string): Promise<StoredRegistration[]> {
    const scan = scanJournal(await readFile(stateFile));
    if (!scan.ok) throw new Error(`the simulator state file is damaged at line ${scan.lineNumber}`);
    const store = new SimulatedRegistrationStore(undefined);
    for (const line of scan.lines) store.apply(StoreEvent.parse(line.entry));
    return store.all();
  }

  all(): StoredRegistration[] {
    return [...this.byHandle.values()];
  }

  /** The live (not revoked) registrations of a patient at one upstream, oldest first. */
  forPatient(upstream: SimulatedUpstream, insz: string): StoredRegistration[] {
    return this.all().filter((r) => r.upstream === upstream && r.insz === insz && !r.revoked);
  }

  find(upstream: SimulatedUpstream, predicate: (r: StoredRegistration) => boolean): StoredRegistration | undefined {
    return this.all().find((r) => r.upstream === upstream && predicate(r));
  }

  /** Stores a registration, or recognises it as one already stored. Durable before it resolves. */
  store(input: StoreInput, now: Date): Promise<StoreOutcome> {
    return this.serial(async () => {
      const existing = this.byKey.get(keyOf(input.upstream, input));
      if (existing) {
        await this.commit({ op: 'delivered-again', upstream: existing.upstream, handle: existing.handle });
        return { kind: 'same-registration', registration: this.byHandle.get(`${existing.upstream}|${existing.handle}`)! };
      }
      const registration: StoredRegistration = {
        upstream: input.upstream,
        handle: `${input.upstream}-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
        ...(input.registrationId !== undefined && { registrationId: input.registrationId }),
        kmehrId: input.kmehrId,
        insz: input.insz,
        kmehr: input.kmehr,
        storedAt: now.toISOString(),
        revoked: false,
        deliveries: 1,
      };
      await this.commit({ op: 'stored', registration });
      return { kind: 'stored', registration };
    });
  }

  /** Revokes; false when there is no such live registration. */
  revoke(upstream: SimulatedUpstream, handle: string): Promise<boolean> {
    return this.serial(async () => {
      const r = this.byHandle.get(`${upstream}|${handle}`);
      if (!r || r.revoked) return false;
      await this.commit({ op: 'revoked', upstream, handle });
      return true;
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal?.close();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commit(event: StoreEvent): Promise<void> {
    await this.journal?.append([event]);
    this.apply(event);
  }

  private apply(event: StoreEvent): void {
    if (event.op === 'stored') {
      const r = { ...event.registration };
      this.byHandle.set(`${r.upstream}|${r.handle}`, r);
      this.byKey.set(keyOf(r.upstream, r), r);
      return;
    }
    const r = this.byHandle.get(`${event.upstream}|${event.handle}`);
    if (!r) throw new Error('the simulator state names an unknown registration');
    const next = event.op === 'revoked' ? { ...r, revoked: true } : { ...r, deliveries: r.deliveries + 1 };
    this.byHandle.set(`${r.upstream}|${r.handle}`, next);
    this.byKey.set(keyOf(r.upstream, r), next);
  }
}
