/**
 * `start` with registrations, in-process with captured output and a scripted
 * upstream: the banner (destinations, outbox), a torn tail cut at start, a
 * damaged or locked outbox refused with what to do (exit 1), test hooks only
 * with --simulator, and a clean stop that releases the outbox.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RegisterResponse } from '../../../lib/companion/contract.ts';
import { runCli, type CliDeps } from '../../src/cli/main.ts';
import { outboxFile } from '../../src/cli/registration-runtime.ts';
import type { RunningUpstream } from '../../src/cli/running-upstream.ts';
import type { RegistrationChannel } from '../../src/registration/channel.ts';
import { encodeJournalLine } from '../../src/outbox/journal-line.ts';
import { FakeUpstream, TEST_SECRET, rawRequest } from '../server/helpers.ts';
import { listeningPort, tempDir, testIo, until, writeJson, type TestIo } from '../cli/cli-kit.ts';
import { registrationRequest } from './inputs.ts';

const delivered: string[] = [];
const channel: RegistrationChannel = {
  name: 'scripted',
  maxBatch: 1,
  async deliver(items) {
    delivered.push(...items.map((i) => i.id));
    return new Map(items.map((i) => [i.id, { kind: 'accepted' } as const]));
  },
  async revoke() {
    return { kind: 'revoked' };
  },
};

function deps(): CliDeps {
  const running = (): RunningUpstream => ({
    upstream: new FakeUpstream(),
    tokenProvider: { getToken: () => Promise.reject(new Error('unused')), invalidate: () => {} },
    banner: ['Upstream: (test)'],
    registration: { channels: (d) => (d === 'vaccicard' ? channel : undefined), available: { hubs: ['rsw'], vaccinnet: false }, banner: [] },
    close: async () => undefined,
  });
  return { version: '9.9.9-test', wiring: { simulator: async () => running(), realHubs: async () => running() } };
}

let current: { io: TestIo; exit: Promise<number> } | undefined;
afterEach(async () => {
  if (current) {
    current.io.stop();
    await current.exit;
    current = undefined;
  }
});

async function start(dataDir: string, env: Record<string, string> = {}, args: string[] = ['start', '--simulator', '--port', '0']) {
  const io = testIo({ VACCICARD_COMPANION_DATA_DIR: dataDir, COMPANION_PAIRING_SECRET: TEST_SECRET, ...env });
  const exit = runCli(args, io.io, deps());
  current = { io, exit };
  return { io, exit };
}

describe('start with registrations', () => {
  it('says where registrations go and where the outbox is; registers through it; stops releasing it', async () => {
    const data = await tempDir();
    const { io, exit } = await start(data);
    const port = await until(() => listeningPort(io.err), 20_000);
    const banner = io.err.join('\n');
    expect(banner).toContain('Registrations: Vaccicard through RSW, Vaccinnet: enabled but no address configured, such registrations are refused; by default to Vaccicard');
    expect(banner).toContain(`Outbox: ${outboxFile(data)} (0 registrations, 0 still to send)`);
    expect(banner).not.toContain('TEST HOOKS');
    const r = await rawRequest({
      port,
      method: 'POST',
      path: '/v1/registrations',
      headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET },
      body: JSON.stringify(registrationRequest('flu', '85073003328', { pharmacy: { number: '80000551', name: 'x' }, vaccinator: { riziv: '20807092001', firstName: 'A', familyName: 'B' } })),
    });
    expect(r.status).toBe(202);
    const id = RegisterResponse.parse(r.json()).record.id;
    await until(() => (delivered.includes(id) ? true : undefined), 10_000);
    io.stop();
    expect(await exit).toBe(0);
    current = undefined;
    // Released: a new start opens the same outbox and finds the registration.
    const second = await start(data);
    await until(() => listeningPort(second.io.err), 20_000);
    expect(second.io.err.join('\n')).toContain('(1 registrations, 0 still to send)');
  });

  it('cuts a torn tail left by a crash and says so', async () => {
    const data = await tempDir();
    await mkdir(path.dirname(outboxFile(data)), { recursive: true });
    await appendFile(outboxFile(data), encodeJournalLine(1, { type: 'registered' }).slice(0, 25));
    const { io } = await start(data);
    await until(() => listeningPort(io.err), 20_000);
    expect(io.err.join('\n')).toContain('Outbox: the last 25 bytes of the journal were cut short by a crash and removed');
  });

  it('refuses a damaged outbox, unchanged, with what to do (exit 1)', async () => {
    const data = await tempDir();
    await mkdir(path.dirname(outboxFile(data)), { recursive: true });
    const damaged = encodeJournalLine(1, { a: 1 }).replace('"a"', '"b"') + encodeJournalLine(2, { a: 2 });
    await writeFile(outboxFile(data), damaged);
    const { io, exit } = await start(data);
    expect(await exit).toBe(1);
    current = undefined;
    expect(io.err.join('\n')).toContain(`The outbox journal ${outboxFile(data)} is damaged at line 1`);
  });

  it('refuses an outbox another companion is using (exit 1), in the user\'s language', async () => {
    const data = await tempDir();
    await mkdir(path.dirname(outboxFile(data)), { recursive: true });
    await writeFile(`${outboxFile(data)}.lock`, `${process.ppid}\n`);
    const { io, exit } = await start(data, { VACCICARD_COMPANION_LANG: 'fr' });
    expect(await exit).toBe(1);
    current = undefined;
    expect(io.err.join('\n')).toContain(`Un autre compagnon (processus ${process.ppid}) utilise la file d'envoi`);
  });

  it('test hooks: announced with --simulator, unknown points refused (exit 2), ignored against the real hubs', async () => {
    const data = await tempDir();
    const hooked = await start(data, { VACCICARD_OUTBOX_TEST_HOOKS: 'before-send' });
    await until(() => listeningPort(hooked.io.err), 20_000);
    expect(hooked.io.err.join('\n')).toContain('TEST HOOKS ACTIVE (VACCICARD_OUTBOX_TEST_HOOKS): markers on standard error; pauses at: before-send.');
    hooked.io.stop();
    await hooked.exit;
    current = undefined;

    const unknown = await start(await tempDir(), { VACCICARD_OUTBOX_TEST_HOOKS: 'before-lunch' });
    expect(await unknown.exit).toBe(2);
    current = undefined;
    expect(unknown.io.err.join('\n')).toContain('names points that do not exist: before-lunch');

    const dir = await tempDir();
    const config = await writeJson(path.join(dir, 'config.json'), {
      keystores: { identification: { path: 'x.p12', password: { env: 'X_PASSWORD' } } },
      pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
      hubs: { rsw: { endpoints: { acceptance: 'https://rsw.example.test/v3' } } },
      softwareId: 'acme_vaccicard-overlay',
      dataDir: path.join(dir, 'data'),
    });
    const real = await start(path.join(dir, 'data'), { VACCICARD_OUTBOX_TEST_HOOKS: 'before-send' }, ['start', '--config', config, '--port', '0']);
    await until(() => listeningPort(real.io.err), 20_000);
    const banner = real.io.err.join('\n');
    expect(banner).toContain('VACCICARD_OUTBOX_TEST_HOOKS is ignored: test hooks only work with --simulator.');
    expect(banner).not.toContain('TEST HOOKS ACTIVE');
  });
});
