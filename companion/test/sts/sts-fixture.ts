/**
 * One STS world per test file: a test CA, the simulated IAM, the STS
 * simulator on a real socket, and eHealth-shaped keystores on disk (pharmacist
 * and pharmacy, each with an encryption key). Keys come from Node's native
 * generator; everything is made at test time and removed after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestCa, type TestCa } from '../../src/pki/index.ts';
import { createSimulatedIamFromCa, type SimulatedIam } from '../../src/simulator/iam.ts';
import { startStsSimulator, writeSimulatorKeystores, type RunningStsSimulator, type SimulatorKeystores, type StsSimulatorOptions } from '../../src/simulator/sts/index.ts';
import type { KeystoreConfig } from '../../src/config/schema.ts';
import { builtInPharmacyProfile, type ProfileValues } from '../../src/ehealth/sts-profile.ts';
import type { StsClientOptions } from '../../src/ehealth/sts-client.ts';

export const PHARMACY = {
  pharmacyNumber: '80000551',
  pharmacistSsin: '80010112379',
  pharmacistRiziv: '20807092001',
} as const;

export const VALUES: ProfileValues = {
  pharmacistSsin: PHARMACY.pharmacistSsin,
  titularSsin: PHARMACY.pharmacistSsin,
  pharmacyNumber: PHARMACY.pharmacyNumber,
  pharmacistRiziv: PHARMACY.pharmacistRiziv,
};

export const PASSWORD_ENV = 'TEST_KEYSTORE_PASSWORD';

export interface StsWorld {
  ca: TestCa;
  iam: SimulatedIam;
  sts: RunningStsSimulator;
  keystores: SimulatorKeystores;
  password: string;
  dir: string;
  env: Record<string, string>;
  /** Keystore settings as the configuration holds them. */
  identification: KeystoreConfig;
  holderOfKey: KeystoreConfig;
  clientOptions(overrides?: Partial<StsClientOptions>): Omit<StsClientOptions, 'now'>;
  close(): Promise<void>;
}

export async function makeStsWorld(simulator: Partial<Omit<StsSimulatorOptions, 'ca' | 'iam'>> = {}): Promise<StsWorld> {
  const ca = await createTestCa();
  const iam = await createSimulatedIamFromCa(ca);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sts-test-'));
  const password = 'test-password-not-secret';
  const keystores = await writeSimulatorKeystores({ ca, dir, password, pharmacyNumber: PHARMACY.pharmacyNumber, pharmacistSsin: PHARMACY.pharmacistSsin });
  const sts = await startStsSimulator({
    ca,
    iam,
    pharmacies: [
      {
        pharmacyNumber: PHARMACY.pharmacyNumber,
        recognised: true,
        titular: { ssin: PHARMACY.pharmacistSsin, riziv: PHARMACY.pharmacistRiziv, givenName: 'Anne', surname: 'Pharmacienne' },
      },
    ],
    ...simulator,
  });
  return {
    ca,
    iam,
    sts,
    keystores,
    password,
    dir,
    env: { [PASSWORD_ENV]: password },
    identification: { path: keystores.pharmacist.path, password: { env: PASSWORD_ENV }, alias: 'authentication' },
    holderOfKey: { path: keystores.pharmacy.path, password: { file: keystores.passwordFile }, alias: 'authentication' },
    clientOptions: (overrides = {}) => ({
      endpoint: new URL(sts.url),
      caPem: sts.tlsCaPem,
      trustAnchors: [sts.iamCertificatePem],
      profile: builtInPharmacyProfile(),
      values: VALUES,
      lifetimeMs: 12 * 3_600_000,
      ...overrides,
    }),
    async close() {
      await sts.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
