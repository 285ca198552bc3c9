/**
 * The toolbar button (side panel on Chrome/Edge, sidebar toggle on Firefox)
 * and the registration rounds' scheduler (backoff, alarm only while work
 * remains).
 */
import { describe, expect, it } from 'vitest';
import { wireToolbarAction } from '../../../lib/background/toolbar-action.ts';
import { REGISTRATION_SYNC_ALARM, SyncScheduler, type TimerApi } from '../../../lib/background/registration-sync.ts';
import { fakeEvent } from '../background/harness.ts';

describe('toolbar action', () => {
  it('Chrome/Edge: the browser opens the side panel on click', async () => {
    const behaviours: unknown[] = [];
    const wiring = wireToolbarAction({ sidePanel: { setPanelBehavior: async (b) => void behaviours.push(b) } });
    expect(wiring).toBe('side-panel');
    expect(behaviours).toEqual([{ openPanelOnActionClick: true }]);
  });

  it('Firefox: a click toggles the sidebar, from the click handler', () => {
    const clicked = fakeEvent<() => void>();
    let toggles = 0;
    const wiring = wireToolbarAction({
      sidebarAction: { toggle: async () => void toggles++ },
      action: { onClicked: clicked },
    });
    expect(wiring).toBe('sidebar');
    expect(toggles).toBe(0);
    clicked.fire();
    expect(toggles).toBe(1);
  });

  it('neither: nothing wired, a failure is reported', async () => {
    expect(wireToolbarAction({})).toBe('none');
    const problems: string[] = [];
    wireToolbarAction({ sidePanel: { setPanelBehavior: () => Promise.reject(new Error('no')) } }, (e) => problems.push(e));
    await new Promise((r) => setTimeout(r, 0));
    expect(problems).toEqual(['side-panel-behaviour-not-set']);
  });
});

function fakeTimers() {
  const planned: Array<{ fn: () => void; ms: number; handle: number }> = [];
  let next = 1;
  const timers: TimerApi = {
    set: (fn, ms) => {
      const handle = next++;
      planned.push({ fn, ms, handle });
      return handle;
    },
    clear: (handle) => {
      const i = planned.findIndex((p) => p.handle === handle);
      if (i >= 0) planned.splice(i, 1);
    },
  };
  return { timers, planned };
}

describe('registration rounds', () => {
  it('backs off, comes back quickly after a reset, and keeps an alarm only while work remains', () => {
    const { timers, planned } = fakeTimers();
    const alarms: string[] = [];
    const onAlarm = fakeEvent<(alarm: { name: string }) => void>();
    let rounds = 0;
    let t = 0;
    const s = new SyncScheduler(() => rounds++, {
      backoffMs: [10, 20, 40],
      timers,
      now: () => t,
      alarms: { create: (name) => alarms.push(`create ${name}`), clear: (name) => alarms.push(`clear ${name}`), onAlarm },
    });
    s.next();
    expect(planned.map((p) => p.ms)).toEqual([10]);
    expect(alarms).toEqual([`create ${REGISTRATION_SYNC_ALARM}`]);
    planned.shift()!.fn();
    expect(rounds).toBe(1);
    s.next();
    s.next(); // an earlier round is already planned: kept
    expect(planned.map((p) => p.ms)).toEqual([20]);
    t = 5;
    s.reset();
    s.next(); // sooner than the one planned: replaces it
    expect(planned.map((p) => p.ms)).toEqual([10]);
    onAlarm.fire({ name: REGISTRATION_SYNC_ALARM });
    onAlarm.fire({ name: 'something-else' });
    expect(rounds).toBe(2);
    s.idle();
    expect(planned).toEqual([]);
    expect(alarms).toEqual([`create ${REGISTRATION_SYNC_ALARM}`, `clear ${REGISTRATION_SYNC_ALARM}`]);
    s.stop();
    expect(onAlarm.size).toBe(0);
  });

  it('a new worker clears an alarm left by a stopped one when nothing is left to do', () => {
    const { timers } = fakeTimers();
    const alarms: string[] = [];
    const s = new SyncScheduler(() => undefined, {
      backoffMs: [10],
      timers,
      now: () => 0,
      alarms: { create: (name) => alarms.push(`create ${name}`), clear: (name) => alarms.push(`clear ${name}`), onAlarm: fakeEvent() },
    });
    s.idle();
    s.idle();
    expect(alarms).toEqual([`clear ${REGISTRATION_SYNC_ALARM}`]);
  });
});
