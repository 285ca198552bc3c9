/**
 * Wiring for `start --simulator`: the simulated RSW and RSB hubs
 * (companion/src/simulator) on 127.0.0.1 with their own test CA, and the REAL
 * hub client pointed at them, so the demo runs the same code path as
 * production. The simulated hubs only trust tokens from their own simulated
 * IAM, so the hub client speaks for the simulator's pharmacy.
 */
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import type { LoadedConfig } from '../config/load.ts';
import { createHubUpstream } from '../hub/index.ts';
import { redactIdentifiers } from '../server/log.ts';
import { PatientFolderError, startSimulatedHubs, type SimulatedHubs } from '../simulator/index.ts';
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
    tokenProvider: hubs.tokenProvider,
    timeoutMs: loaded.config.timeouts.hubMs,
  });
  return {
    upstream,
    tokenProvider: hubs.tokenProvider,
    banner: [
      t('simulatorHubs', { rsw: hubs.rsw.url, rsb: hubs.rsb.url }),
      t('simulatorPatients', { fixtures: options.fixturesDir ?? t('builtInPatients') }),
    ],
    close: async () => {
      upstream.close();
      await hubs.close();
    },
  };
}
