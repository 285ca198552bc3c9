/**
 * TEST-ONLY points in the life of a registration where the crash test kills
 * the process. Off unless `VACCICARD_OUTBOX_TEST_HOOKS` is set, and honoured
 * only by `start --simulator` (never against the real hubs). When set, every
 * point reached writes one marker line to standard error:
 *
 *   OUTBOX-TEST-POINT <point> <registration id>
 *
 * and the process stops (waits until it is stopped or killed) at each point
 * named in the variable (comma-separated). Registration ids are random UUIDs,
 * never patient data.
 */
export const OUTBOX_TEST_HOOKS_ENV = 'VACCICARD_OUTBOX_TEST_HOOKS';

export const HOOK_POINTS = [
  /** The registration is in the journal (fsynced); the API has not answered yet. */
  'accepted',
  /** The attempt marker is in the journal; the upstream has not been called yet. */
  'before-send',
  /** The upstream answered; its outcome is not in the journal yet. */
  'after-upstream-answer',
  /** The withdrawal attempt marker is in the journal; the upstream has not been called yet. */
  'before-revoke',
] as const;
export type HookPoint = (typeof HOOK_POINTS)[number];

export interface OutboxTestHooks {
  /** Resolves at once, or (at a pausing point) only when `signal` aborts. */
  reach(point: HookPoint, ids: readonly string[], signal: AbortSignal): Promise<void>;
  /** The points that pause (for the start banner). */
  readonly pausing: readonly HookPoint[];
}

export const NO_TEST_HOOKS: OutboxTestHooks = { reach: async () => undefined, pausing: [] };

export type HookSetting = { ok: true; hooks: OutboxTestHooks | undefined } | { ok: false; unknown: string[] };

export function testHooksFromEnv(env: Readonly<Record<string, string | undefined>>, write: (line: string) => void): HookSetting {
  const raw = env[OUTBOX_TEST_HOOKS_ENV];
  if (raw === undefined || raw.trim() === '') return { ok: true, hooks: undefined };
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'markers');
  const unknown = names.filter((n) => !(HOOK_POINTS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, unknown };
  const pausing = names as HookPoint[];
  return {
    ok: true,
    hooks: {
      pausing,
      reach(point, ids, signal) {
        for (const id of ids) write(`OUTBOX-TEST-POINT ${point} ${id}`);
        if (!pausing.includes(point) || signal.aborted) return Promise.resolve();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    },
  };
}
