/**
 * Wiring for the real hubs: the hub client (companion/src/hub) built from the
 * configuration, with the STS-not-supported token provider until the STS
 * client lands.
 */
import { readFile } from 'node:fs/promises';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { HUB_IDS, type HubId } from '../../../lib/vaccination.ts';
import type { LoadedConfig } from '../config/load.ts';
import { createHubUpstream, type HubEndpoint } from '../hub/index.ts';
import type { TokenProvider } from '../token-provider.ts';
import { EXIT } from './io.ts';
import { UpstreamSetupError, type RunningUpstream } from './running-upstream.ts';
import { createStsNotSupportedTokenProvider } from './sts-not-supported.ts';
import { ehealthKeystoreInspector } from './ehealth-keystore-inspector.ts';
import { keystoreCertificates } from './keystore-certificates.ts';
import type { CliStringKey } from './strings.ts';
import { translator } from '../../../lib/i18n/translate.ts';
import { configMessages } from '../config/messages.ts';

export const APPLICATION_NAME = 'vaccicard-companion';

export interface RealHubsOptions {
  loaded: LoadedConfig;
  version: string;
  t: Translate<CliStringKey>;
  lang: Lang;
  tokenProvider?: TokenProvider;
  /** For the certificate facts of `/v1/health`. */
  env?: Readonly<Record<string, string | undefined>>;
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
  const tokenProvider = options.tokenProvider ?? createStsNotSupportedTokenProvider();
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
  if (!options.tokenProvider) banner.push(t('stsPending'));
  return {
    upstream,
    tokenProvider,
    banner,
    ...(options.env && { certificates: keystoreCertificates(loaded, options.env, ehealthKeystoreInspector(options.lang)) }),
    close: async () => upstream.close(),
  };
}
