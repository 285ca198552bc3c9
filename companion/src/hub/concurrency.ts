/**
 * Runs `task` over `items` with at most `limit` in flight, in input order of
 * results. The first task that reports a failure stops new tasks from
 * starting and aborts the signal handed to the running ones.
 */
import { setMaxListeners } from 'node:events';

export type TaskOutcome<T, E> = { ok: true; value: T } | { ok: false; error: E };

export async function mapBounded<I, T, E>(
  items: readonly I[],
  limit: number,
  signal: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<TaskOutcome<T, E>>,
): Promise<TaskOutcome<T[], E>> {
  const stop = new AbortController();
  // Every running task listens to `stop` (up to `limit` at once, 20 by default): not a leak,
  // so Node's warning at 11 listeners would only put noise in the companion's log.
  setMaxListeners(Math.max(1, limit) + 10, stop.signal);
  const onOuterAbort = () => stop.abort(signal.reason);
  if (signal.aborted) stop.abort(signal.reason);
  else signal.addEventListener('abort', onOuterAbort, { once: true });

  const results = new Array<T>(items.length);
  let next = 0;
  let failure: { error: E } | undefined;

  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      const outcome = await task(items[index]!, stop.signal);
      if (outcome.ok) results[index] = outcome.value;
      else if (failure === undefined) {
        failure = { error: outcome.error };
        stop.abort(new Error('a sibling task failed'));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    signal.removeEventListener('abort', onOuterAbort);
  }
  return failure ? { ok: false, error: failure.error } : { ok: true, value: results };
}

/**
 * `mapBounded` for items that arrive over time (a transaction list read page
 * by page): tasks start as soon as items are added, at most `limit` in flight,
 * results in the order items were added. As in mapBounded, the first failure
 * stops new tasks and aborts the running ones, and a task that throws makes
 * the whole run throw. `finish` says no more items come and resolves once
 * every task has settled; `abort` stops everything (the caller gave up) and
 * resolves once the running tasks have settled.
 */
export interface BoundedQueue<I, T, E> {
  add(items: readonly I[]): void;
  finish(): Promise<TaskOutcome<T[], E>>;
  abort(reason?: unknown): Promise<void>;
}

export function boundedQueue<I, T, E>(
  limit: number,
  signal: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<TaskOutcome<T, E>>,
): BoundedQueue<I, T, E> {
  const stop = new AbortController();
  // Every running task listens to `stop` (up to `limit` at once, 20 by default): not a leak,
  // so Node's warning at 11 listeners would only put noise in the companion's log.
  setMaxListeners(Math.max(1, limit) + 10, stop.signal);
  const onOuterAbort = () => stop.abort(signal.reason);
  if (signal.aborted) stop.abort(signal.reason);
  else signal.addEventListener('abort', onOuterAbort, { once: true });

  const max = Math.max(1, limit);
  const items: I[] = [];
  const results: T[] = [];
  let next = 0;
  let inFlight = 0;
  let failure: { error: E } | undefined;
  let thrown: { error: unknown } | undefined;
  let closed = false;
  let abandoned = false;
  let wake: (() => void) | undefined;

  // An aborted outer signal does not stop scheduling by itself: as in mapBounded, the next
  // task starts, sees the aborted signal and fails, so a run never ends "ok" with items missing.
  const stopped = () => failure !== undefined || thrown !== undefined || abandoned;
  const settledAll = () => inFlight === 0 && (stopped() || next >= items.length);

  const pump = () => {
    while (!stopped() && inFlight < max && next < items.length) {
      const index = next++;
      inFlight++;
      task(items[index]!, stop.signal)
        .then(
          (outcome) => {
            if (outcome.ok) results[index] = outcome.value;
            else if (failure === undefined) {
              failure = { error: outcome.error };
              stop.abort(new Error('a sibling task failed'));
            }
          },
          (error: unknown) => {
            thrown ??= { error };
            stop.abort(new Error('a sibling task failed'));
          },
        )
        .finally(() => {
          inFlight--;
          pump();
          if (closed && settledAll()) wake?.();
        });
    }
  };

  const settle = async () => {
    closed = true;
    try {
      if (!settledAll()) await new Promise<void>((resolve) => (wake = resolve));
    } finally {
      signal.removeEventListener('abort', onOuterAbort);
    }
  };

  return {
    add(more) {
      if (closed) throw new Error('boundedQueue: items added after finish or abort');
      items.push(...more);
      pump();
    },
    async finish() {
      await settle();
      if (thrown) throw thrown.error;
      return failure ? { ok: false, error: failure.error } : { ok: true, value: results.slice(0, items.length) };
    },
    async abort(reason) {
      abandoned = true;
      stop.abort(reason ?? new Error('the caller stopped'));
      await settle();
    },
  };
}
