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

export interface SimulatedHubsWiringOptions {
  loaded: LoadedConfig;
  fixturesDir?: string;
  version: string;
  t: Translate<CliStringKey>;
  lang: Lang;
  /** Added to every simulated answer (demos of the spinner). */
  latencyMs?: number;
}

function reasonOf(e: unknown): string {
  if (e instanceof PatientFolderError) return `\n  - ${e.problems.map(redactIdentifiers).join('\n  - ')}`;
  return e instanceof Error ? e.name : 'error';
}

export async function connectSimulatedHubs(options: SimulatedHubsWiringOptions): Promise<RunningUpstream> {
  const { loaded, t } = options;
  let hubs: SimulatedHubs;
  try {
    hubs = await startSimulatedHubs({
      ...(options.fixturesDir !== undefined && { patientsDir: options.fixturesDir }),
      ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
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
  return {
    upstream,
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
      await Promise.all([hubs.close(), chain.close()]);
    },
  };
}
