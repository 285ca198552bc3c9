import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { PanelPortClient } from '../../../components/panel-port.ts';
import type { PanelState } from '../../../lib/messages.ts';
import { FakePort, ManualTimers } from './fake-port.ts';

describe('PanelPortClient (extension page ↔ background)', () => {
  function setup(replay: () => unknown[]) {
    const ports: FakePort[] = [];
    const states: PanelState[] = [];
    const timers = new ManualTimers();
    const client = new PanelPortClient('sidepanel', {
      connect: (name) => {
        const p = new FakePort(name);
        ports.push(p);
        return p as unknown as Browser.runtime.Port;
      },
      onState: (s) => states.push(s),
      replay,
      setTimeout: timers.setTimeout,
    });
    return { client, ports, states, timers };
  }

  it('delivers validated panel states only', () => {
    const { client, ports, states } = setup(() => []);
    client.open();
    const ok: PanelState = { status: { state: 'ok' }, hubFailures: [], parseFailures: 0 };
    ports[0]!.deliver({ type: 'panel-state', state: ok });
    ports[0]!.deliver({ type: 'panel-state', state: { status: { state: 'ok' } } });
    ports[0]!.deliver({ type: 'status', status: { state: 'ok' } });
    expect(states).toEqual([ok]);
  });

  it('replays the current lookup on every reconnection', () => {
    let current: unknown[] = [];
    const { client, ports, timers } = setup(() => current);
    client.open();
    expect(ports[0]!.posted).toEqual([]);
    current = [{ type: 'sidepanel:lookup', insz: '85073003328' }];
    client.post(current[0]);
    ports[0]!.drop();
    timers.advance(50);
    expect(ports[1]!.posted).toEqual(current);
  });

  it('does not reconnect after close', () => {
    const { client, ports, timers } = setup(() => []);
    client.open();
    client.close();
    ports[0]!.drop();
    timers.advance(10_000);
    expect(ports).toHaveLength(1);
  });
});
