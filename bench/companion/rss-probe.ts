/**
 * `npx tsx bench/companion/rss-probe.ts [--launch "ARGS"]... [--rounds N]`
 *
 * A quicker look at the companion's memory than the whole suite, to compare
 * launch forms and V8 flags side by side: each `--launch` is the node
 * arguments before `start` (default: the production bundle, then tsx), e.g.
 * `--launch ".output/companion/companion.mjs"` or
 * `--launch="--max-semi-space-size=2 .output/companion/companion.mjs"` (with `=` when it starts with a dash).
 * Every form runs at the same time against the same simulated services
 * (real-hub mode, as in the suite): warm-up, idle RSS, then rounds that
 * alternate the forms (1 concurrent, then 50 concurrent with hubs answering
 * at once and in 100 ms), so each form sees the same machine; RSS from /proc
 * every 50 ms under the 50-concurrent load, latency p50/p99 per level and the
 * companion's CPU time per consultation (from /proc: steadier than latency on
 * a shared machine).
 * Build the bundle first (`npm run build:companion`).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCompanion, type RunningCompanion } from '../../test/e2e/harness/companion.ts';
import { closedLoop } from '../lib/load.ts';
import { rssBytes, sampleRss } from '../lib/rss.ts';
import { summarise } from '../lib/stats.ts';
import { companionClient, companionConfig, type CompanionClient } from './clients.ts';
import { BENCH_RATE_LIMIT } from './world.ts';
import { startRemoteServices } from './remote.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** CPU time (user + system) the process has used, in ms, from /proc (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values } = parseArgs({ options: { launch: { type: 'string', multiple: true }, rounds: { type: 'string' } } });
const launches = values.launch ?? [path.join('.output', 'companion', 'companion.mjs'), `--import tsx ${path.join('companion', 'src', 'cli.ts')}`];
const rounds = Number(values.rounds ?? '3');

type Level = { name: string; concurrency: number; total: number; patient: 'typical' | 'typicalSlow'; rss: boolean };
const LEVELS: Level[] = [
  { name: '1 concurrent, hubs 0 ms', concurrency: 1, total: 40, patient: 'typical', rss: false },
  { name: '50 concurrent, hubs 0 ms', concurrency: 50, total: 200, patient: 'typical', rss: true },
  { name: '50 concurrent, hubs 100 ms', concurrency: 50, total: 200, patient: 'typicalSlow', rss: true },
];

const remote = await startRemoteServices(ROOT);
const forms: { launch: string; companion: RunningCompanion; secret: string; client?: CompanionClient; started: number; idle: number; rss: number[]; latency: Map<string, number[]>; cpu: Map<string, number> }[] = [];
try {
  const hubs = remote.info.hubs.replay;
  for (const launch of launches) {
    const secret = randomBytes(32).toString('base64url');
    const entry = launch.split(/\s+/).filter(Boolean).map((a) => (/\.(ts|mjs)$/.test(a) ? path.resolve(ROOT, a) : a));
    const companion = await startCompanion({ secret, allowedOrigins: [], simulator: false, config: companionConfig(remote.info, hubs, BENCH_RATE_LIMIT), entry });
    forms.push({ launch, companion, secret, started: (await rssBytes(companion.pid)) ?? NaN, idle: NaN, rss: [], latency: new Map(), cpu: new Map() });
  }
  // A fresh client (and sockets) for each run: the companion closes sockets left idle while the other forms run.
  const run = async (form: (typeof forms)[number], concurrency: number, total: number, insz: string) => {
    const client = companionClient(form.companion.url, form.secret, 64);
    form.client = client;
    try {
      return await closedLoop(concurrency, total, async () => {
        const answer = await client.consult(insz);
        if (answer.status !== 200) throw new Error(`companion answered ${answer.status}`);
      });
    } finally {
      client.close();
      form.client = undefined;
    }
  };
  for (const form of forms) await run(form, 4, 40, remote.info.insz.typical);
  await sleep(2000);
  for (const form of forms) form.idle = (await rssBytes(form.companion.pid)) ?? NaN;
  // Rounds alternate the forms, so that each sees the same machine.
  for (let r = 0; r < rounds; r++) {
    for (const level of LEVELS) {
      for (const form of forms) {
        const sampler = level.rss ? sampleRss(form.companion.pid, 50) : undefined;
        const cpu0 = await cpuMs(form.companion.pid);
        const latencies = await run(form, level.concurrency, level.total, remote.info.insz[level.patient]);
        form.cpu.set(level.name, (form.cpu.get(level.name) ?? 0) + (await cpuMs(form.companion.pid)) - cpu0);
        if (sampler) form.rss.push(...sampler.stop());
        form.latency.set(level.name, [...(form.latency.get(level.name) ?? []), ...latencies]);
      }
    }
  }
  const after: number[] = [];
  await sleep(2000);
  for (const form of forms) after.push((await rssBytes(form.companion.pid)) ?? NaN);
  // Between two patients the companion is idle for seconds to minutes: V8's memory reducer then gives heap back.
  await sleep(15_000);
  for (const [i, form] of forms.entries()) {
    const rss = summarise(form.rss);
    const lines = [
      `RSS: start ${mb(form.started)}, idle ${mb(form.idle)}, under 50 concurrent peak ${mb(rss.max)} median ${mb(rss.median)}, 2 s after ${mb(after[i]!)} MB, 17 s after ${mb((await rssBytes(form.companion.pid)) ?? NaN)} MB`,
      ...LEVELS.map((level) => {
        const l = summarise(form.latency.get(level.name) ?? []);
        return `${level.name}: p50 ${l.median.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms (n=${l.n}), companion CPU ${((form.cpu.get(level.name) ?? 0) / l.n).toFixed(2)} ms per consultation`;
      }),
    ];
    process.stdout.write(`${form.launch}\n  ${lines.join('\n  ')}\n`);
  }
} finally {
  for (const form of forms) {
    form.client?.close();
    await form.companion.stop();
  }
  await remote.stop();
}
