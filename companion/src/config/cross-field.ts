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
import { REGISTRATION_DEFAULTS, SOFTWARE_ID_PARTS, VACCINNET_SERVICES, type VaccinnetService } from './registration-config.ts';

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

  const registration = obj(raw.registration);
  const outbox = obj(registration.outbox);
  const retryBaseMs = num(outbox.retryBaseMs) ?? REGISTRATION_DEFAULTS.retryBaseMs;
  const retryMaxMs = num(outbox.retryMaxMs) ?? REGISTRATION_DEFAULTS.retryMaxMs;
  if (retryMaxMs < retryBaseMs) problems.push({ path: 'registration.outbox.retryMaxMs', message: t('retryMaxBelowBase') });
  const vaccinnet = obj(registration.vaccinnet);
  const region = obj(raw.pharmacy).region;
  const vaccinnetEnabled = typeof vaccinnet.enabled === 'boolean' ? vaccinnet.enabled : region === 'flanders';
  if (registration.defaultDestination === 'vaccinnet' && !vaccinnetEnabled) {
    problems.push({ path: 'registration.defaultDestination', message: t('defaultDestinationDisabled') });
  }
  const service: VaccinnetService = (VACCINNET_SERVICES as readonly unknown[]).includes(vaccinnet.service) ? (vaccinnet.service as VaccinnetService) : 'registratie';
  if (vaccinnetEnabled && typeof raw.softwareId === 'string' && raw.softwareId.split('_').length !== SOFTWARE_ID_PARTS[service].parts) {
    problems.push({
      path: 'softwareId',
      message: t('softwareIdForService', { service: service === 'registratie' ? 'RegistratieService' : 'BatchUpload', shape: SOFTWARE_ID_PARTS[service].shape }),
    });
  }

  if (realHubs) {
    if (raw.keystores === undefined) problems.push({ path: 'keystores', message: t('keystoresRequired') });
    if (!anyEndpoint) problems.push({ path: 'hubs', message: t('noHubEndpoint', { environment: environmentShown }) });
  }
  return problems;
}
