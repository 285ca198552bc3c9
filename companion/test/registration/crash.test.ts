/**
 * THE crash test: the companion runs as a real process (`start --simulator`),
 * is killed with SIGKILL at every point of a delivery, and restarted on the
 * same data folder; the simulated upstreams keep their store in a file, so it
 * survives each kill like a real hub would. Proven at the end, from the
 * simulator's own store: every registration the API accepted was delivered,
 * none is stored twice, and every one ends sent/confirmed (one withdrawn
 * on purpose at the end).
 *
 * Kill points, one run each:
 *   1. the registration is in the journal, the API has not answered yet, its
 *      first attempt marker is written (nothing sent); the client's retry
 *      with the same key after the restart gets the same registration back;
 *   2. after "accepted", before sending (attempt markers written);
 *   3. during sending: the upstream stored each registration, then holds
 *      its answer (fault plan), and the companion dies waiting;
 *   4. the upstream answered, the companion has not recorded it yet;
 *   5. (no kill) transient upstream failures, then everything settles.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsultResponse, WithdrawResponse, type RegistrationRecord } from '../../../lib/companion/contract.ts';
import { SimulatedRegistrationStore, SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { outboxFile } from '../../src/cli/registration-runtime.ts';
import { registrationRequest } from './inputs.ts';
import { crashWorld, list, newKey, post, register, startRun, until, type CompanionRun, type CrashWorld } from './crash-kit.ts';

const patient = (key: string) => SYNTHETIC_PATIENTS.find((p) => p.key === key)!.insz;
const A = patient('flu-gp-this-season');
const B = patient('covid-nurse');
const C = '85073003328'; // not a synthetic patient: the hubs know nothing else about them
const D = patient('own-registration-echo');
const E = '17073003384';
const ALL = [A, B, C, D, E];

const runs: CompanionRun[] = [];
const output: string[] = [];
afterAll(async () => {
  for (const r of runs) {
    r.process.kill('SIGKILL');
    await r.process.done;
  }
});

async function started(world: CrashWorld, options: Parameters<typeof startRun>[1]): Promise<CompanionRun> {
  const run = await startRun(world, options);
  runs.push(run);
  return run;
}

async function killed(run: CompanionRun): Promise<void> {
  await run.kill();
  const done = await run.process.done;
  output.push(done.stdout, done.stderr);
}

async function everything(port: number): Promise<RegistrationRecord[]> {
  return (await Promise.all(ALL.map((insz) => list(port, insz)))).flat();
}

describe('exactly once across SIGKILL', () => {
  it('delivers every accepted registration once: kills after the journal write, after the ack, during sending, after the upstream stored it', { timeout: 120_000 }, async () => {
    const started_ = Date.now();
    const world = await crashWorld(await mkdtemp(path.join(os.tmpdir(), 'vc-crash-')));
    const accepted = new Map<string, string>(); // registration id → what it is, for messages

    // ---- 1. Journal written, answer not sent, first attempt marker written: kill.
    let run = await started(world, { hooks: 'accepted,before-send' });
    const r1 = registrationRequest('flu', A);
    const lost = post(run.port, '/v1/registrations', r1).then(
      (r) => ({ answered: r.status }),
      () => ({ answered: 0 }),
    );
    const r1Id = await until(() => run.outboxPoints('accepted')[0], 20_000);
    await until(() => (run.outboxPoints('before-send').includes(r1Id) ? true : undefined), 20_000);
    await killed(run);
    expect(await lost).toEqual({ answered: 0 }); // the client never heard "accepted"

    // ---- 2. The client resends R1 (same key): the same registration. New ones; kill before sending.
    run = await started(world, { hooks: 'before-send' });
    const again = await register(run.port, r1);
    expect(again.response).toMatchObject({ duplicate: true, record: { id: r1Id, state: 'pending' } });
    accepted.set(r1Id, 'R1 flu, killed before its answer');
    const r2 = await register(run.port, registrationRequest('covid', B));
    const r3 = await register(run.port, { ...registrationRequest('flu', C), destination: 'vaccinnet' });
    for (const [r, what] of [[r2, 'R2 covid'], [r3, 'R3 flu to Vaccinnet']] as const) {
      expect(r.response.duplicate).toBe(false);
      accepted.set(r.response.record.id, what);
    }
    await until(() => ([r1Id, r2.response.record.id, r3.response.record.id].every((id) => run.outboxPoints('before-send').includes(id)) ? true : undefined), 20_000);
    await killed(run);

    // ---- 3. The upstream stores, then holds its answer: the companion dies waiting.
    run = await started(world, { hooks: 'markers', faults: { put: [{ action: 'delay', delayMs: 60_000, store: 'before-delay', times: 20 }] } });
    const r4 = await register(run.port, registrationRequest('flu', A, { lot: 'SECOND-DOSE' }));
    accepted.set(r4.response.record.id, 'R4 flu (second of patient A)');
    await until(() => ([...accepted.keys()].every((id) => run.simulatorPoints('stored').includes(id)) ? true : undefined), 30_000);
    await killed(run);

    // ---- 4. The upstream answered; the companion is killed before recording it.
    run = await started(world, { hooks: 'after-upstream-answer' });
    const r5 = await register(run.port, registrationRequest('covid', D));
    accepted.set(r5.response.record.id, 'R5 covid');
    await until(() => ([r5.response.record.id, r3.response.record.id].every((id) => run.outboxPoints('after-upstream-answer').includes(id)) ? true : undefined), 30_000);
    // The ones the hub already held were found by the lookup: sent, without a resend.
    const midway = await everything(run.port);
    await killed(run);

    // ---- 5. Two transient upstream failures, no kill: everything settles.
    run = await started(world, { hooks: 'markers', faults: { put: [{ action: 'fail', times: 2 }] } });
    const r6 = await register(run.port, registrationRequest('flu', E));
    accepted.set(r6.response.record.id, 'R6 flu after transient failures');
    let final: RegistrationRecord[] = [];
    for (const deadline = Date.now() + 30_000; ; ) {
      final = await everything(run.port);
      if (final.length === accepted.size && final.every((r) => r.state === 'sent' || r.state === 'confirmed')) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(final.map((r) => [accepted.get(r.id), r.state, r.lastError?.code]))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // A consultation of each patient brings the Vaccicard registrations back: confirmed.
    for (const insz of [A, B, D, E]) expect((await post(run.port, '/v1/consult', { insz })).status).toBe(200);
    final = await everything(run.port);

    // ---- The proof, from the simulator's own store.
    const stored = await SimulatedRegistrationStore.inspect(world.stateFile);
    const storedIds = stored.map((s) => s.registrationId);
    const lostIds = [...accepted.keys()].filter((id) => !storedIds.includes(id));
    const duplicated = [...accepted.keys()].map((id) => stored.filter((s) => s.registrationId === id).length - 1).reduce((a, b) => a + b, 0);
    const strangers = stored.filter((s) => !accepted.has(s.registrationId ?? ''));
    const deliveries = stored.reduce((n, s) => n + s.deliveries, 0);
    console.info(
      `crash test: ${accepted.size} accepted, ${stored.length} stored, ${lostIds.length} lost, ${duplicated} duplicated, ` +
        `${deliveries} deliveries received (resends recognised by id: ${deliveries - stored.length}), 4 SIGKILLs, ${Math.round((Date.now() - started_) / 1000)} s`,
    );
    expect(lostIds).toEqual([]);
    expect(duplicated).toBe(0);
    expect(strangers).toEqual([]);
    expect(stored).toHaveLength(accepted.size);
    expect(stored.every((s) => !s.revoked)).toBe(true);
    expect(Object.fromEntries(stored.map((s) => [accepted.get(s.registrationId!), s.upstream]))).toEqual({
      'R1 flu, killed before its answer': 'rsw',
      'R2 covid': 'rsw',
      'R3 flu to Vaccinnet': 'vaccinnet',
      'R4 flu (second of patient A)': 'rsw',
      'R5 covid': 'rsw',
      'R6 flu after transient failures': 'rsw',
    });
    // Kill 3 left R1, R2, R4 stored upstream without an answer: run 4 found them by lookup and did not resend.
    for (const id of [r1Id, r2.response.record.id, r4.response.record.id]) expect(midway.find((r) => r.id === id)?.state).toBe('sent');
    // Towards the hub, no PutTransaction ever reached it twice (every doubt was settled by a lookup first);
    // Vaccinnet has no lookup: R3 was sent again after kills 3 and 4, and recognised by its ids each time.
    expect(Object.fromEntries(stored.map((s) => [accepted.get(s.registrationId!), s.deliveries]))).toEqual({
      'R1 flu, killed before its answer': 1,
      'R2 covid': 1,
      'R3 flu to Vaccinnet': 3,
      'R4 flu (second of patient A)': 1,
      'R5 covid': 1,
      'R6 flu after transient failures': 1,
    });
    // Every Vaccicard registration came back in a consultation; the Vaccinnet one cannot be read there.
    expect(Object.fromEntries(final.map((r) => [accepted.get(r.id), r.state]))).toEqual({
      'R1 flu, killed before its answer': 'confirmed',
      'R2 covid': 'confirmed',
      'R3 flu to Vaccinnet': 'sent',
      'R4 flu (second of patient A)': 'confirmed',
      'R5 covid': 'confirmed',
      'R6 flu after transient failures': 'confirmed',
    });

    // ---- Withdrawal through the same outbox: the registration leaves the hub's answer.
    const withdraw = await post(run.port, '/v1/registrations/withdraw', { id: r4.response.record.id, idempotencyKey: newKey() });
    expect([200, 202]).toContain(withdraw.status);
    expect(WithdrawResponse.parse(withdraw.json()).record.id).toBe(r4.response.record.id);
    for (const deadline = Date.now() + 20_000; ; ) {
      const state = (await list(run.port, A)).find((r) => r.id === r4.response.record.id)?.state;
      if (state === 'withdrawn') break;
      if (Date.now() > deadline) throw new Error(`withdrawal not done: ${state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const consult = ConsultResponse.parse((await post(run.port, '/v1/consult', { insz: A })).json());
    expect(JSON.stringify(consult)).not.toContain(r4.response.record.id);
    expect(JSON.stringify(consult)).toContain(r1Id);
    expect((await SimulatedRegistrationStore.inspect(world.stateFile)).find((s) => s.registrationId === r4.response.record.id)?.revoked).toBe(true);

    run.process.kill('SIGTERM');
    const done = await run.process.done;
    output.push(done.stdout, done.stderr);
    expect(done.code).toBe(0);

    // The journal is the owner's only, and nothing any run printed holds a patient number.
    expect((await stat(outboxFile(world.dataDir))).mode & 0o777).toBe(0o600);
    expect((await readFile(outboxFile(world.dataDir), 'utf8')).includes(A)).toBe(true); // it is in the journal (needed to send)...
    for (const insz of ALL) expect(output.join('\n')).not.toContain(insz); // ...and nowhere in the logs
  });
});
