/**
 * Runs `task` over `items` with at most `limit` in flight, in input order of
 * results. The first task that reports a failure stops new tasks from
 * starting and aborts the signal handed to the running ones.
 */
export type TaskOutcome<T, E> = { ok: true; value: T } | { ok: false; error: E };

export async function mapBounded<I, T, E>(
  items: readonly I[],
  limit: number,
  signal: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<TaskOutcome<T, E>>,
): Promise<TaskOutcome<T[], E>> {
  const stop = new AbortController();
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
