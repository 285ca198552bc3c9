/**
 * Rules that span fields, checked on the raw file so they are listed together
 * with the per-field problems (zod skips object refinements once a field
 * fails, and an integrator should see every problem in one go).
 */
import type { Translate } from '../../../lib/i18n/translate.ts';
import { HUB_IDS } from '../../../lib/vaccination.ts';
import { DEFAULT_HUB_ENDPOINTS, type HubEnvironment } from './hub-endpoints.ts';
import type { ConfigMessageKey } from './messages.ts';
import { DEFAULTS } from './schema.ts';

export interface RawProblem {
  path: string;
  message: string;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function crossFieldProblems(raw: Raw, t: Translate<ConfigMessageKey>, realHubs: boolean): RawProblem[] {
  const problems: RawProblem[] = [];
  const timeouts = obj(raw.timeouts);
  const requestMs = num(timeouts.requestMs) ?? DEFAULTS.requestTimeoutMs;
  const hubMs = num(timeouts.hubMs) ?? DEFAULTS.hubTimeoutMs;
  if (hubMs >= requestMs) problems.push({ path: 'timeouts.hubMs', message: t('hubTimeout') });

  const hubs = obj(raw.hubs);
  let anyEndpoint = false;
  let environmentShown: HubEnvironment = DEFAULTS.hubEnvironment;
  for (const hub of HUB_IDS) {
    const h = obj(hubs[hub]);
    const timeoutMs = num(h.timeoutMs);
    if (timeoutMs !== undefined && timeoutMs >= requestMs) problems.push({ path: `hubs.${hub}.timeoutMs`, message: t('hubTimeout') });
    const environment: HubEnvironment = h.environment === 'production' ? 'production' : 'acceptance';
    if (hub === 'rsw') environmentShown = environment;
    const given = obj(h.endpoints)[environment];
    if ((typeof given === 'string' && given !== '') || DEFAULT_HUB_ENDPOINTS[hub][environment]) anyEndpoint = true;
  }

  if (realHubs) {
    if (raw.keystores === undefined) problems.push({ path: 'keystores', message: t('keystoresRequired') });
    if (!anyEndpoint) problems.push({ path: 'hubs', message: t('noHubEndpoint', { environment: environmentShown }) });
  }
  return problems;
}
