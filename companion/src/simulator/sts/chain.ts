/**
 * SIMULATOR ONLY. The whole eHealth authentication chain for the demo
 * (`start --simulator`) and tests: eHealth-shaped keystores generated in a
 * private temporary folder (password in an owner-only file, like a real
 * installation), the STS simulator on 127.0.0.1 signing with the simulated
 * IAM key the simulated hubs trust, and the REAL STS token provider reading
 * those keystores and talking WS-Trust to that simulator. Nothing secret is
 * committed; the folder is removed on close.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestCa } from '../../pki/certificates.ts';
import type { KeystoreConfig } from '../../config/schema.ts';
import { loadStsCredentials } from '../../ehealth/keystore-file.ts';
import { builtInPharmacyProfile } from '../../ehealth/sts-profile.ts';
import { createStsTokenProvider, type StsTokenProvider } from '../../ehealth/sts-token-provider.ts';
import type { SimulatedIam } from '../iam.ts';
import { writeSimulatorKeystores, type SimulatorKeystores } from './keystores.ts';
import { startStsSimulator, type RunningStsSimulator } from './server.ts';

export interface SimulatedChainPharmacy {
  pharmacyNumber: string;
  pharmacistSsin: string;
  pharmacistRiziv: string;
  pharmacistFirstName: string;
  pharmacistFamilyName: string;
}

export interface SimulatedStsChainOptions {
  /** The CA the STS accepts client certificates from (and its TLS certificate's issuer). */
  ca: TestCa;
  /** The IAM key the simulated hubs trust. */
  iam: SimulatedIam;
  pharmacy: SimulatedChainPharmacy;
  /** Longest token the STS issues. Default 1 hour (so a long demo shows a renewal). */
  maxLifetimeMs?: number;
}

export interface SimulatedStsChain {
  /** The real STS token provider, pointed at the simulator. */
  tokenProvider: StsTokenProvider;
  sts: RunningStsSimulator;
  keystores: SimulatorKeystores;
  /** As the configuration would name them. */
  keystoreConfig: { identification: KeystoreConfig; holderOfKey: KeystoreConfig };
  close(): Promise<void>;
}

export async function startSimulatedStsChain(options: SimulatedStsChainOptions): Promise<SimulatedStsChain> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-sts-keystores-'));
  let sts: RunningStsSimulator | undefined;
  try {
    const p = options.pharmacy;
    const keystores = await writeSimulatorKeystores({ ca: options.ca, dir, pharmacyNumber: p.pharmacyNumber, pharmacistSsin: p.pharmacistSsin });
    sts = await startStsSimulator({
      ca: options.ca,
      iam: options.iam,
      pharmacies: [
        {
          pharmacyNumber: p.pharmacyNumber,
          recognised: true,
          titular: { ssin: p.pharmacistSsin, riziv: p.pharmacistRiziv, givenName: p.pharmacistFirstName, surname: p.pharmacistFamilyName },
        },
      ],
      maxLifetimeMs: options.maxLifetimeMs ?? 3_600_000,
    });
    const password = { file: keystores.passwordFile };
    const keystoreConfig = {
      identification: { path: keystores.pharmacist.path, password, alias: 'authentication' },
      holderOfKey: { path: keystores.pharmacy.path, password, alias: 'authentication' },
    };
    const running = sts;
    const tokenProvider = createStsTokenProvider({
      loadCredentials: () => loadStsCredentials(keystoreConfig, {}),
      client: {
        endpoint: new URL(running.url),
        caPem: running.tlsCaPem,
        trustAnchors: [running.iamCertificatePem],
        profile: builtInPharmacyProfile(),
        values: { pharmacistSsin: p.pharmacistSsin, titularSsin: p.pharmacistSsin, pharmacyNumber: p.pharmacyNumber, pharmacistRiziv: p.pharmacistRiziv },
        lifetimeMs: 12 * 3_600_000,
      },
    });
    return {
      tokenProvider,
      sts: running,
      keystores,
      keystoreConfig,
      close: async () => {
        await running.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sts?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
