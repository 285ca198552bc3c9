/**
 * Wiring for `start --simulator`: the simulated RSW and RSB hubs
 * (companion/src/simulator) on 127.0.0.1 with their own test CA, the
 * simulated eHealth STS with generated keystores, and the REAL STS token
 * provider and hub client pointed at them, so the demo runs the same code
 * path as production. The simulated hubs only trust tokens of their own
 * simulated IAM, so the hub client speaks for the simulator's pharmacy.
 */
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import type { LoadedConfig } from '../config/load.ts';
import { createHubUpstream } from '../hub/index.ts';
import { redactIdentifiers } from '../server/log.ts';
import { PatientFolderError, startSimulatedHubs, type SimulatedHubs } from '../simulator/index.ts';
import { startSimulatedStsChain, type SimulatedStsChain } from '../simulator/sts/index.ts';
import { ehealthKeystoreInspector } from './ehealth-keystore-inspector.ts';
import { keystoreCertificates } from './keystore-certificates.ts';
import { EXIT } from './io.ts';
import { APPLICATION_NAME } from './real-hubs.ts';
import { UpstreamSetupError, type RunningUpstream } from './running-upstream.ts';
import type { CliStringKey } from './strings.ts';
import path from 'node:path';
import { RegistrationFaultPlan, type RegistrationFaultPlanInput } from '../simulator/registration/faults.ts';
import { OUTBOX_TEST_HOOKS_ENV } from '../outbox/test-hooks.ts';
import { createVaccinnetClient } from '../vaccinnet/client.ts';
import { registrationChannels } from './registration-channels.ts';

/** Where the simulated upstreams keep what they stored (default: `<data folder>/simulator/registrations.journal`). */
export const SIMULATOR_STATE_FILE_ENV = 'VACCICARD_SIMULATOR_STATE_FILE';
/** A fault plan for the simulated registration endpoints (JSON, simulator/registration/faults.ts). */
export const SIMULATOR_FAULTS_ENV = 'VACCICARD_SIMULATOR_FAULTS';

export interface SimulatedHubsWiringOptions {
  loaded: LoadedConfig;
  fixturesDir?: string;
  version: string;
  t: Translate<CliStringKey>;
  lang: Lang;
  /** Added to every simulated answer (demos of the spinner). */
  latencyMs?: number;
  /** The process environment (state file, fault plan, test markers). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard error, for the test markers of the simulated upstreams. */
  err?: (line: string) => void;
}

function reasonOf(e: unknown): string {
  if (e instanceof PatientFolderError) return `\n  - ${e.problems.map(redactIdentifiers).join('\n  - ')}`;
  return e instanceof Error ? e.name : 'error';
}

export async function connectSimulatedHubs(options: SimulatedHubsWiringOptions): Promise<RunningUpstream> {
  const { loaded, t } = options;
  const env = options.env ?? {};
  let faults: RegistrationFaultPlanInput | undefined;
  const faultText = env[SIMULATOR_FAULTS_ENV];
  if (faultText !== undefined && faultText.trim() !== '') {
    let plan: ReturnType<typeof RegistrationFaultPlan.safeParse> | undefined;
    try {
      plan = RegistrationFaultPlan.safeParse(JSON.parse(faultText));
    } catch {
      plan = undefined;
    }
    if (!plan?.success) throw new UpstreamSetupError(t('simulatorFaultsInvalid'), EXIT.config);
    faults = plan.data;
  }
  const stateFile = env[SIMULATOR_STATE_FILE_ENV] || path.join(loaded.config.dataDir, 'simulator', 'registrations.journal');
  const markers = env[OUTBOX_TEST_HOOKS_ENV] !== undefined && env[OUTBOX_TEST_HOOKS_ENV] !== '' ? options.err : undefined;
  let hubs: SimulatedHubs;
  try {
    hubs = await startSimulatedHubs({
      ...(options.fixturesDir !== undefined && { patientsDir: options.fixturesDir }),
      ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
      registrations: {
        stateFile,
        ...(faults && { faults }),
        ...(markers && { onEvent: (e) => markers(`SIMULATOR-TEST-POINT ${e.kind} ${e.upstream} ${e.registrationId ?? '-'}`) }),
      },
    });
  } catch (e) {
    throw new UpstreamSetupError(t('simulatorFailed', { reason: reasonOf(e) }), EXIT.failure);
  }
  const p = hubs.pharmacy;
  let chain: SimulatedStsChain;
  try {
    chain = await startSimulatedStsChain({ ca: hubs.testing.ca, iam: hubs.testing.iam, pharmacy: p });
  } catch (e) {
    await hubs.close();
    throw new UpstreamSetupError(t('simulatorFailed', { reason: reasonOf(e) }), EXIT.failure);
  }
  const upstream = createHubUpstream({
    endpoints: {
      rsw: { url: hubs.rsw.url, caPem: hubs.caCertPem },
      rsb: { url: hubs.rsb.url, caPem: hubs.caCertPem },
    },
    pharmacy: {
      pharmacyNumber: p.pharmacyNumber,
      pharmacyName: p.pharmacyName,
      pharmacist: { riziv: p.pharmacistRiziv, inss: p.pharmacistSsin, firstName: p.pharmacistFirstName, familyName: p.pharmacistFamilyName },
    },
    application: { softwareId: loaded.config.softwareId, name: APPLICATION_NAME, version: options.version },
    tokenProvider: chain.tokenProvider,
    timeoutMs: loaded.config.timeouts.hubMs,
  });
  const vaccinnetSettings = loaded.config.registration.vaccinnet;
  const vaccinnet = createVaccinnetClient({
    url: hubs.vaccinnet.url,
    caPem: hubs.caCertPem,
    tokenProvider: chain.tokenProvider,
    softwareId: loaded.config.softwareId,
    ...(vaccinnetSettings.vaccinnetId !== undefined && { vaccinnetId: vaccinnetSettings.vaccinnetId }),
    timeoutMs: vaccinnetSettings.timeoutMs ?? loaded.config.timeouts.hubMs,
  });
  return {
    upstream,
    registration: {
      ...registrationChannels(upstream.registration, vaccinnet),
      banner: [t('simulatorRegistrations', { url: hubs.vaccinnet.url, file: stateFile }), ...(faults ? [t('simulatorFaults')] : [])],
    },
    tokenProvider: chain.tokenProvider,
    banner: [
      t('simulatorHubs', { rsw: hubs.rsw.url, rsb: hubs.rsb.url }),
      t('simulatorSts', { url: chain.sts.url }),
      t('simulatorPatients', { fixtures: options.fixturesDir ?? t('builtInPatients') }),
    ],
    // The generated keystores' certificates, like a real installation's.
    certificates: keystoreCertificates(chain.keystoreConfig, {}, ehealthKeystoreInspector(options.lang)),
    close: async () => {
      upstream.close();
      vaccinnet.close();
      await Promise.all([hubs.close(), chain.close()]);
    },
  };
}
