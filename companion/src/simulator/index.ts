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
import { FaultInjector, type RegistrationFaultPlanInput } from './registration/faults.ts';
import type { RegistrationEvent } from './registration/hub-registration.ts';
import { SimulatedRegistrationStore } from './registration/store.ts';
import { startSimulatedVaccinnet } from './registration/vaccinnet-server.ts';

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
  /** Registrations (PutTransaction, RevokeTransaction, simulated Vaccinnet). */
  registrations?: {
    /** Keep what was stored in this file (survives the process); default in memory. */
    stateFile?: string;
    /** Fault injection (registration/faults.ts). */
    faults?: RegistrationFaultPlanInput;
    onEvent?: (event: RegistrationEvent) => void;
    /** Every request the simulated Vaccinnet receives. */
    onVaccinnetRequest?: (request: { soapAction?: string; envelopeXml: string }) => void;
  };
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
  /** The simulated Vaccinnet registration service (same CA). */
  vaccinnet: { url: string };
  /** What the simulated upstreams stored (registrations). */
  registrations: SimulatedRegistrationStore;
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

  const registrationStore = await SimulatedRegistrationStore.open(options.registrations?.stateFile);
  const faults = new FaultInjector(options.registrations?.faults ?? {});
  const onEvent = options.registrations?.onEvent;
  const started: { hub: HubId | 'vaccinnet'; url: string; close(): Promise<void> }[] = [];
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
        registrations: { store: registrationStore, faults, ...(onEvent && { onEvent }) },
      });
      started.push({ hub, ...server });
    }
    const vaccinnet = await startSimulatedVaccinnet({
      iamCertificates: [iam.certificatePem],
      tls: { key: tls.privateKeyPem, cert: tls.certificatePem },
      host: options.host ?? '127.0.0.1',
      store: registrationStore,
      faults,
      ...(onEvent && { onEvent }),
      ...(options.registrations?.onVaccinnetRequest && { onRequest: options.registrations.onVaccinnetRequest }),
    });
    started.push({ hub: 'vaccinnet', ...vaccinnet });
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    await registrationStore.close();
    throw error;
  }
  const urlOf = (hub: HubId | 'vaccinnet') => started.find((s) => s.hub === hub)!.url;
  return {
    rsw: { url: urlOf('rsw') },
    rsb: { url: urlOf('rsb') },
    vaccinnet: { url: urlOf('vaccinnet') },
    registrations: registrationStore,
    caCertPem: ca.certificatePem,
    tokenProvider,
    iamCertPem: iam.certificatePem,
    pharmacy: SIMULATED_PHARMACY,
    patientCount: patients.size,
    testing: { ca, iam, holderOfKey, pharmacistCertificatePem: pharmacist.certificatePem, profile: SIMULATOR_PHARMACY_PROFILE },
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
      await registrationStore.close();
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
export {
  SimulatedRegistrationStore,
  RegistrationFaultPlan,
  SIMULATED_HUB_TRANSACTION_SL,
  INVALID_KMEHR_CODE,
  type RegistrationEvent,
  type RegistrationFaultPlanInput,
  type StoredRegistration,
} from './registration/index.ts';
