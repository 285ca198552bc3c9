/**
 * `GET /v1/health`. Without a secret: name and version only (so the extension
 * can tell "not running" from "not paired"). With a valid secret: mode,
 * pairing fingerprint, certificate expiry and hub reachability. A wrong
 * secret: 401. Never patient data.
 */
import { HealthResponse, HealthSummary, type CertificateStatus } from '../../../lib/companion/contract.ts';
import { HUB_IDS } from '../../../lib/vaccination.ts';
import type { ConsultUpstream } from '../upstream.ts';
import { checkSecret } from './authorize.ts';
import type { CompanionLogger } from './log.ts';
import { sendError, sendJson, type Sent } from './respond.ts';
import { ABORTED, untilAborted, type RequestContext } from './request-context.ts';
import type { CompanionMode } from './settings.ts';

export const COMPANION_NAME = 'vaccicard-companion';

export interface HealthDeps {
  upstream: ConsultUpstream;
  secret: string;
  version: string;
  mode: CompanionMode;
  fingerprint: () => Promise<string>;
  certificates?: (signal: AbortSignal) => Promise<CertificateStatus[]>;
  probeTimeoutMs: number;
  logger: CompanionLogger;
}

async function probeUpstreams(deps: HealthDeps, parent: AbortSignal): Promise<HealthResponse['upstreams']> {
  const signal = AbortSignal.any([parent, AbortSignal.timeout(deps.probeTimeoutMs)]);
  try {
    const result = await untilAborted(deps.upstream.probe(signal), signal);
    if (result !== ABORTED) return result;
  } catch (e) {
    deps.logger.event('probe-failed', { error: e instanceof Error ? e.name : typeof e });
  }
  return Object.fromEntries(HUB_IDS.map((h) => [h, { reachable: false }]));
}

async function certificateStatus(deps: HealthDeps, signal: AbortSignal): Promise<CertificateStatus[]> {
  if (!deps.certificates) return [];
  try {
    return await deps.certificates(signal);
  } catch (e) {
    deps.logger.event('certificate-status-failed', { error: e instanceof Error ? e.name : typeof e });
    return [];
  }
}

export async function handleHealth(ctx: RequestContext, deps: HealthDeps): Promise<Sent | 'abandoned'> {
  const secret = checkSecret(ctx.req, deps.secret);
  if (secret === 'invalid') return sendError(ctx.res, 'unauthorized', 'wrong pairing secret');
  if (secret === 'absent') {
    return sendJson(ctx.res, 200, HealthSummary.parse({ name: COMPANION_NAME, version: deps.version }));
  }
  const [upstreams, certificates, pairingFingerprint] = await Promise.all([
    probeUpstreams(deps, ctx.signal),
    certificateStatus(deps, ctx.signal),
    deps.fingerprint(),
  ]);
  if (ctx.signal.aborted && !ctx.timedOut()) return 'abandoned';
  if (ctx.timedOut()) return sendError(ctx.res, 'timeout', 'the health check took too long');
  const checked = HealthResponse.safeParse({
    name: COMPANION_NAME,
    version: deps.version,
    mode: deps.mode,
    pairingFingerprint,
    certificates,
    upstreams,
  });
  if (!checked.success) {
    deps.logger.event('response-outside-contract', { op: 'health' });
    return sendError(ctx.res, 'internal', 'the health answer is outside the contract');
  }
  return sendJson(ctx.res, 200, checked.data);
}
