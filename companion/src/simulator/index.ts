/**
 * The simulated RSW and RSB hubs for the demo (`start --simulator`) and the
 * tests: two HTTPS servers with their own test CA made at start (nothing
 * secret is committed), checking WS-Security the way a hub does, serving
 * the built-in synthetic patients or a patient folder.
 *
 * SIMULATOR SEAM: `tokenProvider` mints SAML holder-of-key assertions
 * in-process with a simulated IAM key that only these simulated hubs trust.
 * It stands in for the eHealth STS client until issue 6; the hub client is
 * the real one, so the demo and the tests run the real code path.
 */
import type { HubId } from '../../../lib/vaccination.ts';
import { createTestCa, type TestCa } from '../pki/certificates.ts';
import { createPharmacistCertificate, createPharmacyHokCertificate, createTlsServerCertificate } from '../pki/ehealth-identities.ts';
import type { HolderOfKey, TokenProvider } from '../token-provider.ts';
import { startSimulatedHub, type ReceivedRequest } from './hub-server.ts';
import { createSimulatedIamFromCa, type PharmacyProfile, type SimulatedIam } from './iam.ts';
import { loadPatientFolder, type PatientSet } from './patients.ts';
import { createSimulatedTokenProvider, type SimulatedTokenProvider } from './simulated-token-provider.ts';
import { SIMULATED_PHARMACY, syntheticPatientSet } from './synthetic.ts';

export interface StartSimulatedHubsOptions {
  /** A patient folder (one subfolder per INSZ); default the built-in synthetic set. */
  patientsDir?: string;
  /** Added to every answer of both hubs. */
  latencyMs?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** GetTransactionList page size (0 = one page). Default 20. */
  pageSize?: number;
  /** Lifetime of the simulated tokens. Default 1 hour. */
  tokenLifetimeMs?: number;
  /** Called for every request a hub receives (tests validate them against the XSD). */
  onRequest?: (request: ReceivedRequest) => void;
}

/** The pharmacy identity the simulated token carries; the hub client's author must match it. */
export const SIMULATOR_PHARMACY_PROFILE: PharmacyProfile = {
  pharmacyNumber: SIMULATED_PHARMACY.pharmacyNumber,
  pharmacistSsin: SIMULATED_PHARMACY.pharmacistSsin,
  pharmacistRiziv: SIMULATED_PHARMACY.pharmacistRiziv,
};

export interface SimulatedHubs {
  rsw: { url: string };
  rsb: { url: string };
  /** Trust anchor for the hubs' TLS certificates (pass as each endpoint's CA). */
  caCertPem: string;
  /** SIMULATOR SEAM (see the module comment). */
  tokenProvider: SimulatedTokenProvider;
  /** The simulated IAM certificate the hubs trust. */
  iamCertPem: string;
  /** The pharmacy the tokens speak for. */
  pharmacy: typeof SIMULATED_PHARMACY;
  /** How many patients are served. */
  patientCount: number;
  /** For tests that forge or tamper with tokens: the simulator's CA, IAM and identities. */
  testing: {
    ca: TestCa;
    iam: SimulatedIam;
    holderOfKey: HolderOfKey;
    pharmacistCertificatePem: string;
    profile: PharmacyProfile;
  };
  close(): Promise<void>;
}

export async function startSimulatedHubs(options: StartSimulatedHubsOptions = {}): Promise<SimulatedHubs> {
  const patients: PatientSet = options.patientsDir ? await loadPatientFolder(options.patientsDir) : syntheticPatientSet();
  const ca = await createTestCa('Vaccicard simulated hubs CA');
  const [tls, hok, pharmacist, iam] = await Promise.all([
    createTlsServerCertificate(ca),
    createPharmacyHokCertificate(ca, SIMULATED_PHARMACY.pharmacyNumber),
    createPharmacistCertificate(ca, SIMULATED_PHARMACY.pharmacistSsin),
    createSimulatedIamFromCa(ca),
  ]);
  const holderOfKey: HolderOfKey = { privateKeyPem: hok.privateKeyPem, certificatePem: hok.certificatePem };
  const tokenProvider = createSimulatedTokenProvider({
    iam,
    holderOfKey,
    identificationCertificatePem: pharmacist.certificatePem,
    profile: SIMULATOR_PHARMACY_PROFILE,
    ...(options.tokenLifetimeMs !== undefined ? { lifetimeMs: options.tokenLifetimeMs } : {}),
  });

  const started: { hub: HubId; url: string; close(): Promise<void> }[] = [];
  try {
    for (const hub of ['rsw', 'rsb'] as const) {
      const server = await startSimulatedHub({
        hub,
        patients,
        iamCertificates: [iam.certificatePem],
        tls: { key: tls.privateKeyPem, cert: tls.certificatePem },
        host: options.host ?? '127.0.0.1',
        latencyMs: options.latencyMs ?? 0,
        pageSize: options.pageSize ?? 20,
        ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      });
      started.push({ hub, ...server });
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  const urlOf = (hub: HubId) => started.find((s) => s.hub === hub)!.url;
  return {
    rsw: { url: urlOf('rsw') },
    rsb: { url: urlOf('rsb') },
    caCertPem: ca.certificatePem,
    tokenProvider,
    iamCertPem: iam.certificatePem,
    pharmacy: SIMULATED_PHARMACY,
    patientCount: patients.size,
    testing: { ca, iam, holderOfKey, pharmacistCertificatePem: pharmacist.certificatePem, profile: SIMULATOR_PHARMACY_PROFILE },
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

export type { TokenProvider };
export type { ReceivedRequest } from './hub-server.ts';
export { HUB_SERVICE_PATH } from './hub-server.ts';
export {
  SYNTHETIC_PATIENTS,
  SIMULATED_PHARMACY,
  exportSyntheticPatients,
  generateSyntheticPatients,
  syntheticPatientSet,
  type SyntheticPatientInfo,
  type ExpectedMerge,
  type ExpectedHubStatus,
} from './synthetic.ts';
export { loadPatientFolder, PatientFolderError, PatientConfig, type PatientSet } from './patients.ts';
export { createSimulatedIam, createSimulatedIamFromCa, pharmacyAttributes, type SimulatedIam, type PharmacyProfile } from './iam.ts';
export { createSimulatedTokenProvider, type SimulatedTokenProvider } from './simulated-token-provider.ts';
