/**
 * A child AbortSignal that aborts when the parent does or after `ms`, with a
 * TimeoutError reason in the second case. Built on a plain timer rather than
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 the timeout
 * signal inside `any` can be garbage-collected and then never fires.
 */
export interface Deadline {
  signal: AbortSignal;
  /** Stops the timer and detaches from the parent. */
  dispose(): void;
}

export function deadline(parent: AbortSignal, ms: number): Deadline {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParentAbort);
    },
  };
}
