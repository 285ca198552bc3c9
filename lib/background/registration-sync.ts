/**
 * When the registration service works again on its own: one timer with a
 * backoff (reset whenever something changes or the pharmacist acts), and a
 * `browser.alarms` alarm while work remains, which wakes a stopped service
 * worker so a registration waiting for the companion is never forgotten.
 */
import type { AlarmsLike } from './extension-api.ts';

export const REGISTRATION_SYNC_ALARM = 'vaccicard-registration-sync';
export const REGISTRATION_SYNC_ALARM_MINUTES = 1;

/** Delays between rounds, in ms: quick at first (the echo usually follows in seconds), then every five minutes. */
export const DEFAULT_SYNC_BACKOFF_MS: readonly number[] = [
  1_500, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000, 34_000, 55_000, 89_000, 144_000, 233_000, 300_000,
];

export interface TimerApi {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: TimerApi = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SyncScheduler {
  private handle: unknown;
  private dueAt = Infinity;
  private attempt = 0;
  /** Unknown at start: an alarm may be left from a worker that was stopped (the first round sets or clears it). */
  private alarmSet: boolean | undefined = undefined;
  private stopped = false;
  private readonly onAlarm = (alarm: { name: string }) => {
    if (alarm.name === REGISTRATION_SYNC_ALARM) this.round();
  };

  constructor(
    private readonly round: () => void,
    private readonly opts: { backoffMs: readonly number[]; timers: TimerApi; alarms?: AlarmsLike; now: () => number },
  ) {
    opts.alarms?.onAlarm.addListener(this.onAlarm);
  }

  /** Something changed or the pharmacist acted: the next round comes soon again. */
  reset(): void {
    this.attempt = 0;
  }

  /** Plans the next round (keeping an earlier one already planned). */
  next(): void {
    if (this.stopped) return;
    const backoff = this.opts.backoffMs;
    const delay = backoff[Math.min(this.attempt, backoff.length - 1)] ?? 1_000;
    this.attempt++;
    const at = this.opts.now() + delay;
    if (this.handle !== undefined && this.dueAt <= at) return;
    if (this.handle !== undefined) this.opts.timers.clear(this.handle);
    this.dueAt = at;
    this.handle = this.opts.timers.set(() => {
      this.handle = undefined;
      this.dueAt = Infinity;
      this.round();
    }, delay);
    this.keepAlarm(true);
  }

  /** Nothing left to do: no timer, no alarm. */
  idle(): void {
    if (this.handle !== undefined) this.opts.timers.clear(this.handle);
    this.handle = undefined;
    this.dueAt = Infinity;
    this.attempt = 0;
    this.keepAlarm(false);
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== undefined) this.opts.timers.clear(this.handle);
    this.handle = undefined;
    this.opts.alarms?.onAlarm.removeListener(this.onAlarm);
  }

  private keepAlarm(on: boolean): void {
    const alarms = this.opts.alarms;
    if (!alarms || on === this.alarmSet) return;
    this.alarmSet = on;
    if (on) alarms.create(REGISTRATION_SYNC_ALARM, { periodInMinutes: REGISTRATION_SYNC_ALARM_MINUTES });
    else void Promise.resolve(alarms.clear?.(REGISTRATION_SYNC_ALARM)).catch(() => undefined);
  }
}
