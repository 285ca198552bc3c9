/**
 * 3. The companion's overhead against the floor, at 1 and 50 concurrent
 * consultations of the same patient, and its memory under that load.
 *
 * - companion: POST /v1/consult to the companion process (`start`, real-hub
 *   mode) → the simulated STS and hubs in another process;
 * - floor: the same SOAP calls made straight to the simulated hubs from this
 *   process, signed in advance, answers read as text (bench/companion/clients.ts);
 * - hub client in-process: the companion's hub client without its local API
 *   (where the overhead goes).
 * Rounds alternate floor, companion and hub client, so all three see the same machine.
 */
import { ConsultResponse } from '../../lib/companion/contract.ts';
import { HUB_DEFAULTS_MAX_CONCURRENCY, planFloor, transactionCounts } from '../companion/clients.ts';
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

export const companionSuite: Suite = async (ctx) => {
  ctx.log('companion: starting the simulated services and the companion');
  const world = await sharedCompanionWorld(ctx.root);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const insz = world.remote.info.insz.typical;
  const expected = BENCH_PATIENTS.typical.vaccinations;
  const floorOptions = { concurrency: HUB_DEFAULTS_MAX_CONCURRENCY, maxSockets: HUB_DEFAULTS_MAX_CONCURRENCY };

  const runWay = async (way: Way, concurrency: number, total: number): Promise<number[]> => {
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
  for (const way of ['floor', 'companion', 'hubClient'] as const) await runWay(way, 4, ctx.quick ? 10 : 40);
  const idleRss = (await rssBytes(world.companion.pid)) ?? Number.NaN;

  const levels = [
    { concurrency: 1, perRound: ctx.quick ? 15 : 40 },
    { concurrency: 50, perRound: ctx.quick ? 100 : 250 },
  ];
  const rounds = ctx.quick ? 1 : 3;
  const rssUnderLoad: number[] = [];
  const directRssUnderLoad: number[] = [];
  for (const { concurrency, perRound } of levels) {
    ctx.log(`companion: ${concurrency} concurrent, ${rounds} rounds of ${perRound} consultations per way`);
    const samples: Record<Way, number[]> = { floor: [], companion: [], hubClient: [] };
    for (let r = 0; r < rounds; r++) {
      for (const way of ['floor', 'companion', 'hubClient'] as const) {
        const sampler = way === 'companion' && concurrency > 1 ? sampleRss(world.companion.pid, 50) : undefined;
        samples[way].push(...(await runWay(way, concurrency, perRound)));
        if (sampler) rssUnderLoad.push(...sampler.stop());
      }
    }
    const s: Record<Way, Summary> = { floor: summarise(samples.floor), companion: summarise(samples.companion), hubClient: summarise(samples.hubClient) };
    const at = `${concurrency} concurrent`;
    const p99 = (x: Summary) => ({ p99: `${x.p99.toFixed(1)} ms` });
    const overhead = s.companion.median - s.hubClient.median;
    rows.push(
      { id: `companion.c${concurrency}.raw-floor`, label: `Raw floor (pre-signed SOAP straight to the hubs), ${at}`, unit: 'ms', summary: s.floor, extra: p99(s.floor) },
      { id: `companion.c${concurrency}.hub-client`, label: `Floor: the hub client in its own process (builds, signs, sends, reads), ${at}`, unit: 'ms', summary: s.hubClient, extra: p99(s.hubClient) },
      { id: `companion.c${concurrency}.companion`, label: `Through the companion (POST /v1/consult), ${at}`, unit: 'ms', summary: s.companion, extra: p99(s.companion) },
    );
    const overheadRow: ResultRow = {
      id: `companion.c${concurrency}.overhead`,
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
  const rss = summarise(rssUnderLoad);
  rows.push({
    id: 'companion.rss',
    label: 'Companion RSS under the 50-concurrent load (peak)',
    unit: 'MB',
    value: mb(rss.max),
    extra: { median: `${mb(rss.median)} MB`, idle: `${mb(idleRss)} MB`, samples: rss.n },
    target: { text: `< ${RSS_TARGET_MB} MB`, met: mb(rss.max) < RSS_TARGET_MB },
  });
  notes.push(
  `Patient: ${expected} vaccination transactions at RSW, none at RSB ("no data"). One consultation = both hubs in parallel; per hub GetTransactionList, then the listed GetTransaction calls (≤ ${HUB_DEFAULTS_MAX_CONCURRENCY} in flight): ${expected + 2} signed SOAP calls.`,
  'Hubs: the bench\'s replay of the simulated hubs\' recorded answers (bench/companion/replay-hub.ts), answering at once without checking signatures, in their own process: the simulator itself spends ~10 ms CPU per call checking two XML signatures, which at 50 concurrent on two cores would be all that is measured. The eHealth STS is the simulated one (one token, then cached).',
  `The companion runs as \`start\` in real-hub mode (its own process, under tsx as \`npm run companion\` runs it): eHealth STS token provider and hub client. Its rate limit is raised for the bench to ${BENCH_RATE_LIMIT.burst} at once and ${BENCH_RATE_LIMIT.perMinute} a minute (default 30 and 120), or the load would be answered 429.`,
  'Floor (the target\'s): the companion\'s hub client and token provider in a process of their own (bench/companion/direct-client-process.ts, same tsx runtime, driven over Node IPC), as a direct client of the hubs (it must build and sign every call: the hubs refuse unsigned ones) — the companion without its local API, in the same process layout; overhead = what the local API adds (HTTP on 127.0.0.1, Host/Origin/secret/rate checks, request and response validation, JSON, the log line). Raw floor: the same SOAP calls signed before timing, sent and read as text only (keep-alive, ≤ 6 sockets per hub like the hub client); companion − raw floor = everything we do per consultation.',
  `Closed loop: N clients, each sending its next consultation when its previous one is answered; ${rounds} round(s) per level alternate raw floor, companion and hub client. p50/p99 over all consultations of a way. RSS from /proc every 50 ms during the companion's 50-concurrent rounds; idle = after warm-up.`,
);
  return { id: 'companion', title: '3. Companion overhead against the floor', rows, notes };
};
