/**
 * 3. The companion's overhead against the floor, at 1 and 50 concurrent
 * consultations of the same patient, and its memory under that load.
 *
 * - companion: POST /v1/consult to the companion process (`start`, real-hub
 *   mode, production form: the bundle under plain node) → the simulated STS
 *   and hubs in another process;
 * - floor: the same SOAP calls made straight to the simulated hubs from this
 *   process, signed in advance, answers read as text (bench/companion/clients.ts);
 * - hub client in-process: the companion's hub client without its local API
 *   (where the overhead goes).
 * Rounds alternate floor, companion and hub client, so all three see the same machine.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConsultResponse } from '../../lib/companion/contract.ts';
import { startCompanion } from '../../test/e2e/harness/companion.ts';
import { HUB_DEFAULTS_MAX_CONCURRENCY, companionClient, companionConfig, planFloor, transactionCounts } from '../companion/clients.ts';
import { BENCH_PATIENTS } from '../companion/remote-protocol.ts';
import { BENCH_RATE_LIMIT, sharedCompanionWorld, type CompanionWorld } from '../companion/world.ts';
import { closedLoop } from '../lib/load.ts';
import type { ResultRow, Suite } from '../lib/results.ts';
import { rssBytes, sampleRss } from '../lib/rss.ts';
import { summarise, type Summary } from '../lib/stats.ts';

const OVERHEAD_TARGET_MS = 5;
const RSS_TARGET_MB = 80;

type Way = 'floor' | 'companion' | 'hubClient';

/** Every answer is checked for completeness (the full contract check on every 50th, to keep this process's own work small). */
let checked = 0;

function checkAnswer(way: string, body: unknown, expected: number): void {
  const response = checked++ % 50 === 0 ? ConsultResponse.parse(body) : (body as ConsultResponse);
  const counts = transactionCounts(response);
  if (counts.rsw !== expected || counts.rsb !== 0) throw new Error(`${way} answer incomplete: ${JSON.stringify(counts)}`);
}

async function viaCompanion(world: CompanionWorld, insz: string, expected: number): Promise<void> {
  const answer = await world.client.consult(insz);
  if (answer.status !== 200) throw new Error(`companion answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  checkAnswer('companion', JSON.parse(answer.body), expected);
}

async function viaHubClient(world: CompanionWorld, insz: string, expected: number): Promise<void> {
  checkAnswer('hub client', await world.directClient.consult(insz), expected);
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

interface FormRss {
  idle: number;
  underLoad: number[];
}

/**
 * The development form (`npm run companion`: tsx, no V8 flag) in a process of
 * its own against the same hubs, for comparison: warm-up, idle, then one
 * round of each 50-concurrent level, its RSS sampled as the production form's.
 */
async function developmentFormRss(world: CompanionWorld, levels: readonly { concurrency: number; perRound: number; patient: 'typical' | 'typicalSlow' }[]): Promise<FormRss> {
  const secret = randomBytes(32).toString('base64url');
  const companion = await startCompanion({ secret, allowedOrigins: [], simulator: false, config: companionConfig(world.remote.info, world.hubs, BENCH_RATE_LIMIT) });
  const client = companionClient(companion.url, secret, 64);
  try {
    const insz = world.remote.info.insz;
    const consult = (patient: 'typical' | 'typicalSlow') => async () => {
      const answer = await client.consult(insz[patient]);
      if (answer.status !== 200) throw new Error(`development-form companion answered ${answer.status}`);
    };
    await closedLoop(4, 40, consult('typical'));
    const idle = (await rssBytes(companion.pid)) ?? Number.NaN;
    const underLoad: number[] = [];
    for (const level of levels.filter((l) => l.concurrency > 1)) {
      const sampler = sampleRss(companion.pid, 50);
      await closedLoop(level.concurrency, level.perRound, consult(level.patient));
      underLoad.push(...sampler.stop());
    }
    return { idle, underLoad };
  } finally {
    client.close();
    await companion.stop();
  }
}

export const companionSuite: Suite = async (ctx) => {
  ctx.log('companion: starting the simulated services and the companion');
  const world = await sharedCompanionWorld(ctx.root);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const expected = BENCH_PATIENTS.typical.vaccinations;
  // As the hub client: at most maxConcurrency GetTransaction calls per hub, one socket more for the list.
  const floorOptions = { concurrency: HUB_DEFAULTS_MAX_CONCURRENCY, maxSockets: HUB_DEFAULTS_MAX_CONCURRENCY + 1 };

  const runWay = async (way: Way, concurrency: number, total: number, insz: string): Promise<number[]> => {
    if (way === 'floor') {
      const plan = await planFloor(world.remote.info, world.hubs, world.tokenProvider, insz, floorOptions);
      try {
        return await closedLoop(concurrency, total, async () => {
          const n = await plan.consult();
          if (n !== expected) throw new Error(`floor fetched ${n} transactions, expected ${expected}`);
        });
      } finally {
        plan.close();
      }
    }
    const one = way === 'companion' ? () => viaCompanion(world, insz, expected) : () => viaHubClient(world, insz, expected);
    return closedLoop(concurrency, total, one);
  };

  ctx.log('companion: warm-up');
  for (const way of ['floor', 'companion', 'hubClient'] as const) await runWay(way, 4, ctx.quick ? 10 : 40, world.remote.info.insz.typical);
  const idleRss = (await rssBytes(world.companion.pid)) ?? Number.NaN;

  const levels = [
    { concurrency: 1, perRound: ctx.quick ? 15 : 30, patient: 'typical' as const },
    { concurrency: 50, perRound: ctx.quick ? 100 : 200, patient: 'typical' as const },
    { concurrency: 50, perRound: ctx.quick ? 100 : 200, patient: 'typicalSlow' as const },
  ];
  const rounds = ctx.quick ? 1 : 4;
  const rssUnderLoad: number[] = [];
  const directRssUnderLoad: number[] = [];
  for (const { concurrency, perRound, patient } of levels) {
    const insz = world.remote.info.insz[patient];
    const latency = BENCH_PATIENTS[patient].latencyMs;
    ctx.log(`companion: ${concurrency} concurrent, hubs ${latency} ms per call, ${rounds} rounds of ${perRound} consultations per way`);
    const samples: Record<Way, number[]> = { floor: [], companion: [], hubClient: [] };
    for (let r = 0; r < rounds; r++) {
      for (const way of ['floor', 'companion', 'hubClient'] as const) {
        const pid = way === 'companion' ? world.companion.pid : way === 'hubClient' ? world.directClient.pid : undefined;
        const sampler = pid !== undefined && concurrency > 1 ? sampleRss(pid, 50) : undefined;
        samples[way].push(...(await runWay(way, concurrency, perRound, insz)));
        if (sampler) (way === 'companion' ? rssUnderLoad : directRssUnderLoad).push(...sampler.stop());
      }
    }
    const s: Record<Way, Summary> = { floor: summarise(samples.floor), companion: summarise(samples.companion), hubClient: summarise(samples.hubClient) };
    const at = `${concurrency} concurrent, hubs ${latency} ms/call`;
    const key = `c${concurrency}${latency > 0 ? `-${latency}ms` : ''}`;
    const p99 = (x: Summary) => ({ p99: `${x.p99.toFixed(1)} ms` });
    const overhead = s.companion.median - s.hubClient.median;
    rows.push(
      { id: `companion.${key}.raw-floor`, label: `Raw floor (pre-signed SOAP straight to the hubs), ${at}`, unit: 'ms', summary: s.floor, extra: p99(s.floor) },
      { id: `companion.${key}.hub-client`, label: `Floor: the hub client in its own process (builds, signs, sends, reads), ${at}`, unit: 'ms', summary: s.hubClient, extra: p99(s.hubClient) },
      { id: `companion.${key}.companion`, label: `Through the companion (POST /v1/consult), ${at}`, unit: 'ms', summary: s.companion, extra: p99(s.companion) },
    );
    const overheadRow: ResultRow = {
      id: `companion.${key}.overhead`,
      label: `Companion overhead (companion − hub client, p50), ${at}`,
      unit: 'ms',
      value: overhead,
      extra: {
        'p99 difference': `${(s.companion.p99 - s.hubClient.p99).toFixed(1)} ms`,
        'companion − raw floor (p50)': `${(s.companion.median - s.floor.median).toFixed(1)} ms`,
      },
    };
    if (concurrency === 50) overheadRow.target = { text: `< ${OVERHEAD_TARGET_MS} ms at p50`, met: overhead < OVERHEAD_TARGET_MS };
    rows.push(overheadRow);
  }
  const loadEnded = performance.now();
  ctx.log('companion: the development form (tsx) for comparison, while the production form stays idle');
  const development = await developmentFormRss(world, levels);
  const quietSeconds = Math.round((performance.now() - loadEnded) / 1000);
  const idleAfterLoad = (await rssBytes(world.companion.pid)) ?? Number.NaN;
  const rss = summarise(rssUnderLoad);
  const devRss = summarise(development.underLoad);
  rows.push(
    {
      id: 'companion.rss',
      label: 'Companion RSS under the 50-concurrent load (peak), production form (bundle, plain node)',
      unit: 'MB',
      value: mb(rss.max),
      extra: {
        median: `${mb(rss.median)} MB`,
        idle: `${mb(idleRss)} MB`,
        [`idle again, ${quietSeconds} s after the load`]: `${mb(idleAfterLoad)} MB`,
        'hub client process alone, peak': `${mb(summarise(directRssUnderLoad).max)} MB`,
      },
      target: { text: `< ${RSS_TARGET_MB} MB, idle and peak`, met: mb(rss.max) < RSS_TARGET_MB && mb(idleRss) < RSS_TARGET_MB },
    },
    {
      id: 'companion.rss-development',
      label: 'Companion RSS under the 50-concurrent load (peak), development form (`npm run companion`, tsx)',
      unit: 'MB',
      value: mb(devRss.max),
      extra: { median: `${mb(devRss.median)} MB`, idle: `${mb(development.idle)} MB`, rounds: '1 per level' },
    },
  );
  notes.push(
    `Patient: ${expected} vaccination transactions at RSW, none at RSB ("no data"). One consultation = both hubs in parallel; per hub GetTransactionList, then the listed GetTransaction calls: ${expected + 2} signed SOAP calls. Hubs answer at once (the stress case: CPU-bound on two cores) or after 100 ms per call (as real hubs).`,
    "Hubs: the bench's replay of the simulated hubs' recorded answers (bench/companion/replay-hub.ts), in their own process, checking nothing: the simulator itself spends ~10 ms CPU per call checking two XML signatures, which at 50 concurrent on two cores would be most of what is measured. The eHealth STS is the simulated one (one token, then cached).",
    `The companion runs as \`start\` in real-hub mode (its own process), in its production form as \`npm run companion:prod\` runs it: the bundle built by scripts/build-companion.ts under plain node with \`${world.form.companion.slice(0, -1).join(' ')}\` (${path.relative(ctx.root, world.form.companion.at(-1)!)}): eHealth STS token provider and hub client. Its rate limit is raised for the bench to ${BENCH_RATE_LIMIT.burst} at once and ${BENCH_RATE_LIMIT.perMinute} a minute (default 30 and 120), or the load would be answered 429.`,
    'RSS (production form): idle = after warm-up; peak and median = every 50 ms during the 50-concurrent rounds; "idle again" = after the load, while the development form is measured; the target is held against the peak and the idle figure. Development form (tsx, `npm run companion`, no V8 flag): another process against the same hubs, one round of each 50-concurrent level, for comparison only.',
    "Floor (the target's): the companion's hub client and token provider in a process of their own (bench/companion/direct-client-process.ts, bundled and run like the companion: plain node, same V8 flags; answers returned whole over Node IPC): a direct client of the hubs, which must build and sign every call (the hubs refuse unsigned ones) — the companion without its local API, in the same process layout. Overhead = what the local API adds: HTTP on 127.0.0.1, Host/Origin/secret/rate checks, request and answer validation, JSON, the log line. Under CPU saturation two processes differ by scheduling too: a negative or few-ms difference means no overhead measurable in this run.",
    `Raw floor: the same SOAP calls signed before timing, sent and read as text only (keep-alive, ≤ ${HUB_DEFAULTS_MAX_CONCURRENCY} calls in flight and ${HUB_DEFAULTS_MAX_CONCURRENCY + 1} sockets per hub, like the hub client); companion − raw floor = everything we do per consultation (mostly WS-Security signing).`,
    `Closed loop: N clients, each sending its next consultation when its previous one is answered; ${rounds} round(s) per level alternate raw floor, companion and hub client. p50/p99 over all consultations of a way. RSS from /proc every 50 ms during the 50-concurrent rounds (companion, and the hub-client process for comparison); idle = after warm-up.`,
  );
  return { id: 'companion', title: '3. Companion overhead against the floor', rows, notes };
};
