import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { BadgeLink } from '../../../entrypoints/eform.content/badge-link.ts';
import type { ContentToBackground, LookupStatus } from '../../../lib/messages.ts';
import { FakePort, ManualTimers } from './fake-port.ts';

const patient = (insz: string): ContentToBackground => ({
  type: 'page:patient',
  adapterId: 'farmaflux',
  entryPath: 'direct-link',
  insz,
  own: [],
});

function setup() {
  const ports: FakePort[] = [];
  const statuses: LookupStatus[] = [];
  const timers = new ManualTimers();
  let valid = true;
  const link = new BadgeLink({
    connect: (name) => {
      const port = new FakePort(name);
      ports.push(port);
      return port as unknown as Browser.runtime.Port;
    },
    isValid: () => valid,
    setTimeout: timers.setTimeout,
    onStatus: (s) => statuses.push(s),
  });
  return { link, ports, statuses, timers, invalidate: () => (valid = false) };
}

describe('BadgeLink (content script ↔ background)', () => {
  it('posts the patient as the first message on port badge and relays valid statuses only', () => {
    const { link, ports, statuses } = setup();
    link.start(patient('85073003328'));
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe('badge');
    expect(ports[0]!.posted).toEqual([patient('85073003328')]);
    ports[0]!.deliver({ type: 'status', status: { state: 'ok' } });
    ports[0]!.deliver({ type: 'status', status: { state: 'error', reason: 'made-up' } });
    ports[0]!.deliver({ type: 'panel-state', state: {} });
    expect(statuses).toEqual([{ state: 'ok' }]);
  });

  it('a new patient gets a new port: late statuses of the old lookup are ignored', () => {
    const { link, ports, statuses } = setup();
    link.start(patient('85073003328'));
    link.start(patient('17073003384'));
    expect(ports[0]!.disconnected).toBe(true);
    ports[0]!.deliver({ type: 'status', status: { state: 'ok' } });
    expect(statuses).toEqual([]);
    ports[1]!.deliver({ type: 'status', status: { state: 'loading' } });
    expect(statuses).toEqual([{ state: 'loading' }]);
  });

  it('reconnects after the service worker stops and posts the current patient again first', () => {
    const { link, ports, timers } = setup();
    link.start(patient('85073003328'));
    link.update({ ...patient('85073003328'), entryPath: 'registration' } as ContentToBackground);
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    timers.advance(50);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ ...patient('85073003328'), entryPath: 'registration' }]);
  });

  it('backs off while the background stays unreachable', () => {
    const { link, ports, timers } = setup();
    link.start(patient('85073003328'));
    ports[0]!.drop();
    timers.advance(50);
    ports[1]!.drop();
    timers.advance(50);
    expect(ports).toHaveLength(2);
    timers.advance(150);
    expect(ports).toHaveLength(3);
  });

  it('stops for good once the content script is invalidated or stopped', () => {
    const { link, ports, timers, invalidate } = setup();
    link.start(patient('85073003328'));
    invalidate();
    ports[0]!.drop();
    timers.advance(10_000);
    expect(ports).toHaveLength(1);

    const second = setup();
    second.link.start(patient('85073003328'));
    second.link.stop();
    expect(second.ports[0]!.disconnected).toBe(true);
    timers.advance(10_000);
    expect(second.ports).toHaveLength(1);
  });
});
