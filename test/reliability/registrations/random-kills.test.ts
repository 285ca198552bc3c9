/**
 * Registrations lost or duplicated, counted: the outbox crash test's
 * machinery (companion/test/registration/crash-kit.ts: the companion as a
 * real process on one data folder, the simulated upstreams' store in a file)
 * driven by a seeded schedule instead of fixed points. Each round submits a
 * batch of registrations at once (flu and covid, Vaccicard and Vaccinnet),
 * sometimes with the upstream storing and then holding its answer, and
 * SIGKILLs the companion at a random moment; requests it never answered are
 * resent unchanged in the next round (same idempotency key), as the extension
 * does. The moment is drawn among: any time (often before the answers), right
 * after the journal write before the API answers (every request of the round
 * then cut off and resent), and at the first attempt marker before sending.
 * A last round lets everything settle, and the simulator's own store is the
 * judge: every registration stored once, none lost, none twice.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RegisterResponse, type RegistrationRecord } from '../../../lib/companion/contract.ts';
import { SimulatedRegistrationStore, SYNTHETIC_PATIENTS } from '../../../companion/src/simulator/index.ts';
import { crashWorld, list, post, startRun, until, type CompanionRun } from '../../../companion/test/registration/crash-kit.ts';
import { registrationRequest } from '../../../companion/test/registration/inputs.ts';
import { prng } from '../hostile/xml-writer.ts';
import { recordFigures, type RegistrationFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';

const KILL_ROUNDS = byProfile(2, 6);
const BATCH = byProfile(4, 8);

const patient = (key: string) => SYNTHETIC_PATIENTS.find((p) => p.key === key)!.insz;
const PATIENTS = [patient('flu-gp-this-season'), patient('covid-nurse'), '85073003328', patient('own-registration-echo'), '17073003384'];

interface Submission {
  /** What it is, for messages (no patient data). */
  label: string;
  body: ReturnType<typeof registrationRequest>;
  /** The registration id from every 202 (all must be the same). */
  ids: Set<string>;
}

const runs: CompanionRun[] = [];
const outputs: string[] = [];
const figures: RegistrationFigures = { part: 'registrations', kills: 0, accepted: 0, stored: 0, lost: 0, duplicated: 0, resendsRecognised: 0, unansweredAtKills: 0 };

afterAll(async () => {
  recordFigures('registrations', figures);
  for (const r of runs) {
    r.process.kill('SIGKILL');
    await r.process.done;
  }
});

async function submit(port: number, s: Submission): Promise<void> {
  try {
    const r = await post(port, '/v1/registrations', s.body);
    if (r.status === 202) s.ids.add(RegisterResponse.parse(r.json()).record.id);
  } catch {
    // The companion died before answering: resent next round.
  }
}

describe('registrations across random SIGKILLs (seeded)', () => {
  it(`${KILL_ROUNDS} rounds of ${BATCH} registrations, each round killed at a random moment, then settled: 0 lost, 0 duplicated`, { timeout: 300_000 }, async () => {
    const random = prng(RELIABILITY_SEED);
    const world = await crashWorld(await mkdtemp(path.join(os.tmpdir(), 'vc-reliability-kills-')));
    const submissions: Submission[] = [];

    for (let round = 0; round < KILL_ROUNDS; round++) {
      const holds = random() < 0.5;
      // Where the kill lands: a timer, or the outbox's own pausing points (crash-kit hooks).
      const moment = (['timer', 'timer', 'accepted', 'before-send'] as const)[Math.floor(random() * 4)]!;
      const run = await startRun(world, {
        hooks: moment === 'timer' ? 'markers' : moment,
        // Half the rounds: the upstream stores, then holds its answer, so the kill often lands "in doubt".
        ...(holds && { faults: { put: [{ action: 'delay', delayMs: 400 + Math.floor(random() * 800), store: random() < 0.5 ? 'before-delay' : 'after-delay', times: BATCH * 2 }] } }),
      });
      runs.push(run);
      for (let i = 0; i < BATCH; i++) {
        const disease = random() < 0.5 ? 'flu' : 'covid';
        const vaccinnet = disease === 'flu' && random() < 0.25;
        const insz = PATIENTS[Math.floor(random() * PATIENTS.length)]!;
        const body = registrationRequest(disease, insz, { lot: `R${round}N${i}X${Math.floor(random() * 1e6)}` });
        submissions.push({ label: `round ${round + 1} #${i + 1} ${disease}${vaccinnet ? ' to Vaccinnet' : ''}`, body: vaccinnet ? { ...body, destination: 'vaccinnet' } : body, ids: new Set() } as Submission);
      }
      // Everything not yet accepted (this round's and earlier unanswered ones) goes in at once...
      const pending = submissions.filter((s) => s.ids.size === 0);
      const inFlight = Promise.all(pending.map((s) => submit(run.port, s)));
      // ...and the companion dies while they are handled and sent.
      if (moment === 'timer') {
        const early = random() < 0.3;
        await new Promise((r) => setTimeout(r, early ? Math.floor(random() * 20) : 50 + Math.floor(random() * 1_500)));
      } else {
        // Paused there: at least one registration reached the point (more may follow while we wait a little).
        await until(() => (run.outboxPoints(moment).length > 0 ? true : undefined), 20_000);
        await new Promise((r) => setTimeout(r, Math.floor(random() * 200)));
      }
      await run.kill();
      figures.kills++;
      await inFlight;
      figures.unansweredAtKills += submissions.filter((s) => s.ids.size === 0).length;
      const done = await run.process.done;
      outputs.push(done.stdout, done.stderr);
    }

    // Last round: no kill. Unanswered submissions are resent, earlier ones resent once more (a resend must be recognised).
    const run = await startRun(world, { hooks: 'markers' });
    runs.push(run);
    for (const s of submissions) await submit(run.port, s);
    let records: RegistrationRecord[] = [];
    for (const deadline = Date.now() + 60_000; ; ) {
      records = (await Promise.all(PATIENTS.map((insz) => list(run.port, insz)))).flat();
      if (records.length >= submissions.length && records.every((r) => r.state === 'sent' || r.state === 'confirmed')) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(records.map((r) => [r.state, r.lastError?.code]))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    run.process.kill('SIGTERM');
    const done = await run.process.done;
    outputs.push(done.stdout, done.stderr);

    // The judge: the simulated upstreams' own store.
    const stored = await SimulatedRegistrationStore.inspect(world.stateFile);
    const accepted = submissions.filter((s) => s.ids.size > 0);
    const ids = new Set(accepted.flatMap((s) => [...s.ids]));
    const lost = accepted.filter((s) => ![...s.ids].some((id) => stored.some((r) => r.registrationId === id)));
    const keyAnsweredTwice = accepted.filter((s) => s.ids.size > 1).length;
    const storedTwice = [...ids].reduce((n, id) => n + Math.max(0, stored.filter((r) => r.registrationId === id).length - 1), 0);
    const strangers = stored.filter((r) => !ids.has(r.registrationId ?? '')).length;
    // Towards a hub, a PutTransaction sent twice would be a duplicate there (a hub does not recognise resends).
    const hubResends = stored.filter((r) => r.upstream !== 'vaccinnet').reduce((n, r) => n + Math.max(0, r.deliveries - 1), 0);
    Object.assign(figures, {
      accepted: accepted.length,
      stored: stored.length,
      lost: lost.length + (submissions.length - accepted.length),
      duplicated: keyAnsweredTwice + storedTwice + strangers + hubResends,
      resendsRecognised: stored.filter((r) => r.upstream === 'vaccinnet').reduce((n, r) => n + Math.max(0, r.deliveries - 1), 0),
    });

    expect(accepted.length, 'every submission accepted in the end').toBe(submissions.length);
    expect(lost.map((s) => s.label)).toEqual([]);
    expect({ keyAnsweredTwice, storedTwice, strangers, hubResends }).toEqual({ keyAnsweredTwice: 0, storedTwice: 0, strangers: 0, hubResends: 0 });
    expect(stored).toHaveLength(submissions.length);
    // No output of any run names a patient.
    for (const insz of PATIENTS) expect(outputs.join('\n')).not.toContain(insz);
  });
});
