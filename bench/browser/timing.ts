/**
 * BENCH ONLY. Timing inside the page, so that no DevTools round trip is
 * measured. Chromium coarsens `performance.now()` (100 µs without
 * cross-origin isolation), so a fast operation is repeated within one sample
 * until the sample lasts at least `minSampleMs`, and divided.
 */
export interface Timed {
  /** Milliseconds per operation, one value per sample. */
  samples: number[];
  /** Operations per sample. */
  batch: number;
}

export function calibrateBatch(run: () => void, minSampleMs: number): number {
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) run();
    const elapsed = performance.now() - t0;
    if (elapsed >= minSampleMs || batch >= 1 << 20) return batch;
    batch = elapsed <= 0 ? batch * 8 : Math.min(batch * 8, Math.ceil((batch * minSampleMs * 1.2) / elapsed));
  }
}

export function sampleOnce(run: () => void, batch: number): number {
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) run();
  return (performance.now() - t0) / batch;
}
