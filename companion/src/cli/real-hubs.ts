/**
 * Wiring for the real hubs: the hub client (companion/src/hub) built from the
 * configuration, with the eHealth STS token provider (companion/src/ehealth).
 * The keystores and STS files are checked at start without any network call;
 * a problem is told in plain words with the next action, and start goes on
 * (every hub call then answers a typed auth error; doctor tells the rest).
 */
import { readFile } from 'node:fs/promises';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { HUB_IDS, type HubId } from '../../../lib/vaccination.ts';
import type { LoadedConfig } from '../config/load.ts';
import { createHubUpstream, type HubEndpoint } from '../hub/index.ts';
import type { TokenProvider } from '../token-provider.ts';
import { EXIT } from './io.ts';
import { UpstreamSetupError, type RunningUpstream } from './running-upstream.ts';
import { StsError } from '../ehealth/sts-error.ts';
import { configuredStsEndpoint, createStsTokenProviderFromConfig, stsClientOptionsFromConfig } from '../ehealth/sts-from-config.ts';
import { ehealthKeystoreInspector } from './ehealth-keystore-inspector.ts';
import { keystoreCertificates } from './keystore-certificates.ts';
import type { CliStringKey } from './strings.ts';
import { translator } from '../../../lib/i18n/translate.ts';
import { configMessages } from '../config/messages.ts';
import { createVaccinnetClient, type VaccinnetClient } from '../vaccinnet/client.ts';
import { routingSettingsFrom } from '../registration/routing.ts';
import { registrationChannels } from './registration-channels.ts';

/** The Vaccinnet client when Vaccinnet is enabled and has an address for its environment. */
async function vaccinnetFrom(loaded: LoadedConfig, tokenProvider: TokenProvider, t: Translate<CliStringKey>, lang: Lang): Promise<VaccinnetClient | undefined> {
  const c = loaded.config;
  const v = c.registration.vaccinnet;
  if (!routingSettingsFrom(c).vaccinnetEnabled) return undefined;
  const url = v.endpoints[v.environment];
  if (!url) return undefined;
  let caPem: string | undefined;
  if (v.caFile) {
    try {
      caPem = await readFile(v.caFile, 'utf8');
    } catch {
      const source = loaded.source.kind === 'file' ? loaded.source.path : t('demoSource');
      const problem = t('problemLine', { path: 'registration.vaccinnet.caFile', message: translator(configMessages, lang)('fileUnreadable') });
      throw new UpstreamSetupError([t('configProblems', { source }), problem].join('\n'), EXIT.config);
    }
  }
  return createVaccinnetClient({
    url,
    ...(caPem !== undefined && { caPem }),
    tokenProvider,
    softwareId: c.softwareId,
    ...(v.vaccinnetId !== undefined && { vaccinnetId: v.vaccinnetId }),
    timeoutMs: v.timeoutMs ?? c.timeouts.hubMs,
  });
}

export const APPLICATION_NAME = 'vaccicard-companion';

export interface RealHubsOptions {
  loaded: LoadedConfig;
  version: string;
  t: Translate<CliStringKey>;
  lang: Lang;
  tokenProvider?: TokenProvider;
  /** Keystore passwords named by the configuration; certificate facts of `/v1/health`. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * What can be checked before any token request, without the network: the
 * keystores open, the trust anchor, CA and profile files read. StsError words
 * in the user's language; anything else by name only.
 */
export async function stsPreflight(loaded: LoadedConfig, env: RealHubsOptions['env'], lang: Lang, t: Translate<CliStringKey>): Promise<string[]> {
  const lines: string[] = [];
  const config = loaded.config;
  const provider = createStsTokenProviderFromConfig(config, { env });
  for (const check of [() => provider.prepare(), () => stsClientOptionsFromConfig(config)]) {
    try {
      await check();
    } catch (e) {
      if (!(e instanceof StsError)) throw e;
      const words = e.describe(lang);
      lines.push(t('stsProblem', { problem: words.problem, action: words.action }));
    }
  }
  return lines;
}

async function endpointsFrom(loaded: LoadedConfig, t: Translate<CliStringKey>, lang: Lang): Promise<Partial<Record<HubId, HubEndpoint>>> {
  const endpoints: Partial<Record<HubId, HubEndpoint>> = {};
  const problems: string[] = [];
  for (const hub of HUB_IDS) {
    const h = loaded.config.hubs[hub];
    const url = h.endpoints[h.environment];
    if (!url) continue;
    const endpoint: HubEndpoint = { url, ...(h.timeoutMs !== undefined && { timeoutMs: h.timeoutMs }) };
    if (h.caFile) {
      try {
        endpoint.caPem = await readFile(h.caFile, 'utf8');
      } catch {
        problems.push(t('problemLine', { path: `hubs.${hub}.caFile`, message: translator(configMessages, lang)('fileUnreadable') }));
      }
    }
    endpoints[hub] = endpoint;
  }
  if (problems.length > 0) {
    const source = loaded.source.kind === 'file' ? loaded.source.path : t('demoSource');
    throw new UpstreamSetupError([t('configProblems', { source }), ...problems].join('\n'), EXIT.config);
  }
  return endpoints;
}

export async function connectRealHubs(options: RealHubsOptions): Promise<RunningUpstream> {
  const { loaded, t } = options;
  const c = loaded.config;
  const tokenProvider = options.tokenProvider ?? createStsTokenProviderFromConfig(c, { env: options.env });
  const endpoints = await endpointsFrom(loaded, t, options.lang);
  const upstream = createHubUpstream({
    endpoints,
    pharmacy: {
      pharmacyNumber: c.pharmacy.pharmacyNumber,
      ...(c.pharmacy.name && { pharmacyName: c.pharmacy.name }),
      pharmacist: { riziv: c.pharmacy.pharmacist.riziv, inss: c.pharmacy.pharmacist.inss },
    },
    application: { softwareId: c.softwareId, name: APPLICATION_NAME, version: options.version },
    tokenProvider,
    timeoutMs: c.timeouts.hubMs,
  });
  const banner: string[] = [];
  for (const hub of HUB_IDS) {
    const environment = c.hubs[hub].environment;
    const url = endpoints[hub]?.url;
    banner.push(url ? t('hubConfigured', { hub: hub.toUpperCase(), url }) : t('hubNotConfigured', { hub: hub.toUpperCase(), environment }));
  }
  if (!options.tokenProvider) {
    const sts = configuredStsEndpoint(c);
    banner.push(t('stsLine', { environment: sts.environment, url: sts.url }));
    banner.push(...(await stsPreflight(loaded, options.env, options.lang, t)));
  }
  const vaccinnet = await vaccinnetFrom(loaded, tokenProvider, t, options.lang);
  return {
    upstream,
    tokenProvider,
    banner,
    registration: { ...registrationChannels(upstream.registration, vaccinnet), banner: [] },
    certificates: keystoreCertificates(c.keystores, options.env, ehealthKeystoreInspector(options.lang)),
    close: async () => {
      upstream.close();
      vaccinnet?.close();
    },
  };
}
