/**
 * Runs list-page calls concurrently with the outcome they would have had one
 * after the other: `task` for every item, at most `limit` at once, started in
 * input order; `onValue` sees each success as it comes (in any order) and may
 * turn it into a failure. The answer is the failure of the EARLIEST item (in
 * input order) that failed — items after a failed one are not started, or
 * aborted; items before it run on, and one of them failing wins — else every
 * value, in input order. A task that throws makes the whole run throw once
 * the running tasks have settled.
 */
import type { TaskOutcome } from './concurrency.ts';

export async function runInListOrder<I, T, E>(
  items: readonly I[],
  limit: number,
  signal: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<TaskOutcome<T, E>>,
  onValue: (index: number, value: T) => E | undefined,
): Promise<TaskOutcome<T[], E>> {
  const controllers = items.map(() => new AbortController());
  const onOuterAbort = () => {
    for (const c of controllers) c.abort(signal.reason);
  };
  if (signal.aborted) onOuterAbort();
  else signal.addEventListener('abort', onOuterAbort, { once: true });

  const values = new Array<T>(items.length);
  const max = Math.max(1, limit);
  /** Index of the earliest failed item so far (items.length: none). */
  let failedAt = items.length;
  let failure: E | undefined;
  let thrown: { error: unknown } | undefined;
  let next = 0;
  let inFlight = 0;

  const fail = (index: number, error: E) => {
    if (index >= failedAt) return;
    failedAt = index;
    failure = error;
    for (let i = index + 1; i < controllers.length; i++) controllers[i]!.abort(new Error('an earlier list page failed'));
  };

  try {
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (thrown === undefined && inFlight < max && next < failedAt) {
          const index = next++;
          inFlight++;
          task(items[index]!, controllers[index]!.signal)
            .then((outcome) => {
              if (index >= failedAt) return;
              if (!outcome.ok) return fail(index, outcome.error);
              values[index] = outcome.value;
              const refused = onValue(index, outcome.value);
              if (refused !== undefined) fail(index, refused);
            })
            .catch((error: unknown) => {
              thrown ??= { error };
              for (const c of controllers) c.abort(new Error('a list page failed unexpectedly'));
            })
            .finally(() => {
              inFlight--;
              pump();
            });
        }
        if (inFlight === 0) resolve();
      };
      pump();
    });
  } finally {
    signal.removeEventListener('abort', onOuterAbort);
  }
  if (thrown) throw thrown.error;
  return failedAt < items.length ? { ok: false, error: failure as E } : { ok: true, value: values };
}
