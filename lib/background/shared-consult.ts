/**
 * One companion call per patient at a time: concurrent lookups of the same
 * patient (several tabs, the in-page panel, the side panel) join the call
 * already in flight. The call is abandoned only when every lookup waiting on
 * it has been abandoned; each waiter's own abort rejects at once.
 */
import type { ConsultResponse } from '../companion/contract.ts';
import type { CacheWrite } from '../cache/consult-cache.ts';
import type { BadgeReason } from '../messages.ts';

export type FetchOutcome =
  | { ok: true; response: ConsultResponse; fetchedAt: number; cacheWrite: CacheWrite | 'not-cacheable' }
  | { ok: false; reason: BadgeReason };

export type FetchRun = (insz: string, signal: AbortSignal) => Promise<FetchOutcome>;

interface InFlight {
  promise: Promise<FetchOutcome>;
  controller: AbortController;
  waiters: number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export class SharedConsultFetcher {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly run: FetchRun) {}

  /** How many companion calls are running now (tests, diagnostics). */
  get running(): number {
    return this.inFlight.size;
  }

  fetch(insz: string, signal?: AbortSignal): Promise<FetchOutcome> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let entry = this.inFlight.get(insz);
    if (!entry) {
      const controller = new AbortController();
      const created: InFlight = {
        controller,
        waiters: 0,
        promise: this.run(insz, controller.signal).finally(() => {
          if (this.inFlight.get(insz) === created) this.inFlight.delete(insz);
        }),
      };
      // Nobody may be left waiting when it fails after every waiter left.
      created.promise.catch(() => undefined);
      this.inFlight.set(insz, created);
      entry = created;
    }
    const joined = entry;
    joined.waiters++;
    return new Promise<FetchOutcome>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        joined.waiters--;
        if (joined.waiters === 0 && this.inFlight.get(insz) === joined) {
          // Last waiter gone: stop the call and let a later lookup start afresh.
          this.inFlight.delete(insz);
          joined.controller.abort();
        }
      };
      const onAbort = () => {
        if (settled) return;
        settled = true;
        leave();
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      joined.promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          joined.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          joined.waiters--;
          reject(error);
        },
      );
    });
  }
}
