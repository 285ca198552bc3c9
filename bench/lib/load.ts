/**
 * A closed-loop load: `concurrency` workers, each starting its next request
 * as soon as its previous one is answered, until `total` requests are done.
 * Returns every request's latency (ms).
 */
export async function closedLoop(concurrency: number, total: number, request: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const t0 = performance.now();
      await request();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return latencies;
}
