import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubId } from '../../../lib/vaccination.ts';
import type { HubOutcome, Operation, RegistrationOutcome } from './log.ts';
import type { Sent } from './respond.ts';

/** One request in flight: what the handlers need and what the log line will say. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborted on the request timeout, when the client goes away, or when the server closes. */
  signal: AbortSignal;
  /** True once the request timeout fired. */
  timedOut(): boolean;
  op: Operation;
  patientRef?: string;
  hubs?: Partial<Record<HubId, HubOutcome>>;
  registration?: RegistrationOutcome;
}

export type Handler = (ctx: RequestContext) => Promise<Sent | 'abandoned'>;

/** Resolves with the promise's value, or with `ABORTED` as soon as `signal` aborts. */
export const ABORTED: unique symbol = Symbol('aborted');
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
