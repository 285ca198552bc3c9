/**
 * The STS token provider's cache over real sockets (STS simulator), with a
 * clock shared by the simulator and the provider: one renewal for 50
 * concurrent requests, reuse while more than half the lifetime remains, a
 * background renewal after that, never a token within five minutes of its
 * end, invalidate() after a hub refusal, and failures shared by all waiters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStsCredentials } from '../../src/ehealth/keystore-file.ts';
import { createStsTokenProvider, type StsTokenProvider } from '../../src/ehealth/sts-token-provider.ts';
import { StsError } from '../../src/ehealth/sts-error.ts';
import { makeStsWorld, type StsWorld } from '../sts/sts-fixture.ts';

const MINUTE = 60_000;
const clock = { t: Date.now() };
const now = () => new Date(clock.t);

let world: StsWorld;
beforeAll(async () => {
  world = await makeStsWorld({ now, maxLifetimeMs: 60 * MINUTE });
});
afterAll(() => world?.close());

function provider(options: { retryAfterMs?: number } = {}): StsTokenProvider {
  return createStsTokenProvider({
    loadCredentials: () => loadStsCredentials({ identification: world.identification, holderOfKey: world.holderOfKey }, world.env),
    client: world.clientOptions({ lifetimeMs: 60 * MINUTE }),
    now,
    ...options,
  });
}

const fifty = <T>(fn: () => Promise<T>) => Promise.all(Array.from({ length: 50 }, fn));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('token cache and renewal', () => {
  let tokens: StsTokenProvider;
  let firstId = '';
  beforeAll(() => {
    tokens = provider();
  });

  it('50 concurrent first requests share one STS exchange', async () => {
    world.sts.setFaultMode({ kind: 'none' });
    const before = world.sts.stats.issueRequests;
    const answers = await fifty(() => tokens.getToken());
    expect(world.sts.stats.issueRequests - before).toBe(1);
    expect(new Set(answers.map((a) => a.token.assertionId)).size).toBe(1);
    expect(tokens.stats.issued).toBe(1);
    firstId = answers[0]!.token.assertionId;
    // The holder-of-key handed out is the pharmacy key that the token binds.
    expect(answers[0]!.holderOfKey.certificatePem).toBe(world.keystores.pharmacy.authentication.certificatePem);
  });

  it('reuses the token while more than half its lifetime remains', async () => {
    clock.t += 25 * MINUTE;
    const before = world.sts.stats.issueRequests;
    const answers = await fifty(() => tokens.getToken());
    expect(answers.every((a) => a.token.assertionId === firstId)).toBe(true);
    expect(world.sts.stats.issueRequests).toBe(before);
  });

  it('past half its lifetime: callers get the current token at once, one renewal runs in the background', async () => {
    clock.t += 10 * MINUTE; // 35 min into a 60 min token
    const before = world.sts.stats.issueRequests;
    const answers = await fifty(() => tokens.getToken());
    expect(answers.every((a) => a.token.assertionId === firstId)).toBe(true);
    await until(() => tokens.stats.issued === 2);
    expect(world.sts.stats.issueRequests - before).toBe(1);
    const next = await tokens.getToken();
    expect(next.token.assertionId).not.toBe(firstId);
    firstId = next.token.assertionId;
  });

  it('within five minutes of NotOnOrAfter the token is never used: 50 callers wait for one renewal', async () => {
    const current = (await tokens.getToken()).token;
    clock.t = current.notOnOrAfter.getTime() - 4 * MINUTE;
    const before = world.sts.stats.issueRequests;
    const answers = await fifty(() => tokens.getToken());
    expect(world.sts.stats.issueRequests - before).toBe(1);
    expect(answers.every((a) => a.token.assertionId !== current.assertionId)).toBe(true);
    expect(new Set(answers.map((a) => a.token.assertionId)).size).toBe(1);
    expect(answers[0]!.token.notOnOrAfter.getTime() - clock.t).toBeGreaterThan(5 * MINUTE);
  });

  it('invalidate() after a hub refusal: the next request gets a new token', async () => {
    const current = (await tokens.getToken()).token;
    tokens.invalidate();
    const before = world.sts.stats.issueRequests;
    const next = await tokens.getToken();
    expect(next.token.assertionId).not.toBe(current.assertionId);
    expect(world.sts.stats.issueRequests - before).toBe(1);
  });

  it('a caller that gives up does not cancel the renewal the others wait for', async () => {
    tokens.invalidate();
    const controller = new AbortController();
    const impatient = tokens.getToken(controller.signal);
    const patient = tokens.getToken();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ problem: 'cancelled' });
    await expect(patient).resolves.toMatchObject({ token: { assertionId: expect.any(String) } });
  });
});

describe('failures', () => {
  it('a refused renewal reaches every waiter as the same typed error, after one STS exchange', async () => {
    const tokens = provider();
    world.sts.setFaultMode({ kind: 'false-attribute', attribute: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean' });
    const before = world.sts.stats.issueRequests;
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => tokens.getToken()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(world.sts.stats.issueRequests - before).toBe(1);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof StsError && r.reason.problem === 'not-recognised-pharmacy')).toBe(true);
    expect(tokens.stats).toMatchObject({ failures: 1, lastProblem: 'not-recognised-pharmacy' });
    // The next request tries again.
    await expect(tokens.getToken()).resolves.toBeDefined();
  });

  it('a failed background renewal keeps serving the valid token and retries only after a pause', async () => {
    const tokens = provider({ retryAfterMs: 2 * MINUTE });
    const first = (await tokens.getToken()).token;
    clock.t = first.notBefore.getTime() + 40 * MINUTE;
    world.sts.setFaultMode({ kind: 'unavailable' });
    expect((await tokens.getToken()).token.assertionId).toBe(first.assertionId);
    await until(() => tokens.stats.failures === 1);
    const requests = world.sts.stats.issueRequests;
    clock.t += MINUTE; // within the pause: no new attempt
    expect((await tokens.getToken()).token.assertionId).toBe(first.assertionId);
    await new Promise((r) => setTimeout(r, 50));
    expect(world.sts.stats.issueRequests).toBe(requests);
    world.sts.setFaultMode({ kind: 'none' });
    clock.t += 2 * MINUTE; // after the pause: renewal
    expect((await tokens.getToken()).token.assertionId).toBe(first.assertionId);
    await until(() => tokens.stats.issued === 2);
    expect((await tokens.getToken()).token.assertionId).not.toBe(first.assertionId);
  });

  it('a keystore problem is reported as such and retried on the next request', async () => {
    const tokens = createStsTokenProvider({
      loadCredentials: () => loadStsCredentials({ identification: world.identification }, {}),
      client: world.clientOptions(),
      now,
    });
    await expect(tokens.getToken()).rejects.toMatchObject({ problem: 'password-env-unset', code: 'certificate' });
    await expect(tokens.prepare()).rejects.toMatchObject({ problem: 'password-env-unset' });
  });
});
