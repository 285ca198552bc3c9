/**
 * 4. Round trips: a patient with 20 (then 50) vaccination transactions,
 * 100 ms on every hub call. The whole consultation through the companion
 * against the floor of sequential round trips: the transaction list, then
 * every listed transaction at once. The simulated hubs page the list (20 per
 * page), so 50 transactions need three list calls before the transactions:
 * that floor is four round trips, where 20 transactions need two. (The
 * companion asks the later pages together; see the notes.)
 */
import { ConsultResponse } from '../../lib/companion/contract.ts';
import { HUB_DEFAULTS_MAX_CONCURRENCY, planFloor, transactionCounts } from '../companion/clients.ts';
import { BENCH_PATIENTS, type BenchPatientKey } from '../companion/remote-protocol.ts';
import { sharedCompanionWorld } from '../companion/world.ts';
import type { ResultRow, Suite } from '../lib/results.ts';
import { summarise } from '../lib/stats.ts';

const TARGET_FACTOR = 1.5;

export const roundTripSuite: Suite = async (ctx) => {
  ctx.log('round trips: starting the simulated services and the companion');
  const world = await sharedCompanionWorld(ctx.root);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const runs = ctx.quick ? 3 : 10;
  for (const key of ['tx20', 'tx50'] as const satisfies readonly BenchPatientKey[]) {
    const spec = BENCH_PATIENTS[key];
    const insz = world.remote.info.insz[key];
    const latency = spec.latencyMs;
    const companion: number[] = [];
    const floor: number[] = [];
    const plan = await planFloor(world.remote.info, world.hubs, world.tokenProvider, insz, { concurrency: 'all', maxSockets: 64 });
    try {
      ctx.log(`round trips: ${spec.vaccinations} transactions, 2 + ${runs} runs each way`);
      for (let i = 0; i < runs + 2; i++) {
        const f0 = performance.now();
        const fetched = await plan.consult();
        const f = performance.now() - f0;
        if (fetched !== spec.vaccinations) throw new Error(`floor fetched ${fetched} of ${spec.vaccinations}`);
        const c0 = performance.now();
        const answer = await world.client.consult(insz);
        const c = performance.now() - c0;
        if (answer.status !== 200) throw new Error(`companion answered ${answer.status}`);
        const counts = transactionCounts(ConsultResponse.parse(JSON.parse(answer.body)));
        if (counts.rsw !== spec.vaccinations) throw new Error(`companion answer incomplete: ${JSON.stringify(counts)}`);
        if (i >= 2) {
          floor.push(f);
          companion.push(c);
        }
      }
    } finally {
      plan.close();
    }
    const pages = plan.pages.rsw ?? 1;
    const roundTrips = pages + 1;
    const c = summarise(companion);
    const f = summarise(floor);
    const twoRoundTrips = 2 * latency;
    const what = `${spec.vaccinations} transactions, ${latency} ms per call`;
    rows.push(
      {
        id: `round-trips.${key}.companion`,
        label: `${what}: whole consultation through the companion`,
        unit: 'ms',
        summary: c,
        target: { text: `≤ ${TARGET_FACTOR} × ${twoRoundTrips} ms (two round trips) = ${TARGET_FACTOR * twoRoundTrips} ms`, met: c.median <= TARGET_FACTOR * twoRoundTrips },
      },
      {
        id: `round-trips.${key}.floor`,
        label: `${what}: floor, ${pages} list call${pages > 1 ? 's' : ''} then all transactions at once (${roundTrips} round trips, ideal ${roundTrips * latency} ms)`,
        unit: 'ms',
        summary: f,
      },
      {
        id: `round-trips.${key}.ratio`,
        label: `${what}: companion ÷ measured floor (medians)`,
        unit: 'x',
        value: c.median / f.median,
        extra: { 'companion ÷ two round trips': `${(c.median / twoRoundTrips).toFixed(2)}×` },
      },
    );
  }
  notes.push(
    'Both hubs are asked in parallel; all transactions are at RSW (RSB answers "no data" after one call). Every hub call takes 100 ms at the hub.',
    'The hubs here replay the simulated hubs\' recorded answers (bench/companion/replay-hub.ts): the same SOAP answers, the latency exactly as configured, without the simulator\'s signature checks (~10 ms CPU per call on this machine, which would add up when 20 calls arrive at once and measure the simulator instead).',
    'Floor: pre-signed SOAP calls straight to the hubs: the list page by page (each page needs the previous one\'s count), then every transaction at once (unbounded, 64 sockets). The target is the two-round-trip floor of the issue (list, then the transactions); with 50 transactions the simulated hubs\' paging (20 per page) makes this floor four round trips.',
    `With 50 transactions the companion asks the later list pages together once the first page gives the count, and fetches the first page\'s transactions meanwhile; with at most ${HUB_DEFAULTS_MAX_CONCURRENCY} GetTransaction calls in flight per hub, the last ones still take a fourth round trip (ideal 400 ms; three, 300 ms, with maxConcurrency ≥ 30 per hub, and two only if the hub did not page).`,
    `Companion: POST /v1/consult, real-hub mode (its default concurrency, ${HUB_DEFAULTS_MAX_CONCURRENCY} GetTransaction calls in flight per hub). ${runs} runs each after 2 warm-up runs, floor and companion alternating.`,
  );
  return { id: 'round-trips', title: '4. Round trips (100 ms per hub call)', rows, notes };
};
