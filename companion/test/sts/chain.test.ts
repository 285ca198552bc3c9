/**
 * The demo chain of `start --simulator`: the simulated hubs, the STS
 * simulator on the same CA and IAM key, generated keystores, and the real STS
 * token provider feeding the real hub client.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { startSimulatedHubs, SYNTHETIC_PATIENTS, type SimulatedHubs } from '../../src/simulator/index.ts';
import { startSimulatedStsChain, type SimulatedStsChain } from '../../src/simulator/sts/index.ts';
import { clientFor } from '../helpers/simulator.ts';

let hubs: SimulatedHubs;
let chain: SimulatedStsChain;

beforeAll(async () => {
  hubs = await startSimulatedHubs();
  chain = await startSimulatedStsChain({ ca: hubs.testing.ca, iam: hubs.testing.iam, pharmacy: hubs.pharmacy });
});
afterAll(async () => {
  await chain?.close();
  await hubs?.close();
});

it('the real STS provider against the STS simulator feeds the real hub client', async () => {
  // Generous deadlines: this proves the chain works, not how fast (the first call
  // includes the STS round trip with its challenge, slow on a loaded 2-core CI machine).
  const client = clientFor(hubs, { tokenProvider: chain.tokenProvider, timeoutMs: 20_000 });
  try {
    const patient = SYNTHETIC_PATIENTS.find((p) => p.key === 'flu-gp-this-season')!;
    const answer = await client.consult(patient.insz, ['rsw', 'rsb'], AbortSignal.timeout(25_000));
    expect(answer.rsw).toMatchObject({ status: 'ok' });
    expect(answer.rsb).toMatchObject({ status: 'ok' });
  } finally {
    client.close();
  }
  expect(chain.sts.stats).toMatchObject({ challengesAnswered: 1, tokensIssued: 1, faults: 0 });
  expect(chain.tokenProvider.stats.issued).toBe(1);
  const { holderOfKey } = await chain.tokenProvider.getToken();
  expect(new X509Certificate(holderOfKey.certificatePem).subject).toContain(`NIHII-PHARMACY=${hubs.pharmacy.pharmacyNumber}`);
});

it('keeps the generated keystores owner-only and removes them on close', async () => {
  const dir = path.dirname(chain.keystores.passwordFile);
  if (process.platform !== 'win32') {
    expect((await stat(dir)).mode & 0o077).toBe(0);
    expect((await stat(chain.keystores.passwordFile)).mode & 0o077).toBe(0);
    expect((await stat(chain.keystores.pharmacy.path)).mode & 0o077).toBe(0);
  }
  const other = await startSimulatedStsChain({ ca: hubs.testing.ca, iam: hubs.testing.iam, pharmacy: hubs.pharmacy });
  const otherDir = path.dirname(other.keystores.passwordFile);
  await other.close();
  await expect(stat(otherDir)).rejects.toMatchObject({ code: 'ENOENT' });
});
