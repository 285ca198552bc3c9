/**
 * The options page's "test connection": is the companion running at this
 * address, is it the companion, does it accept our pairing secret, which
 * version, whose certificates (days to expiry) and can it reach each hub.
 */
import { health, type CompanionCallOptions } from '../companion/client.ts';
import { pairingFingerprint } from '../companion/fingerprint.ts';
import type { ConnectionReport } from '../messages.ts';
import { parseCompanionUrl } from '../settings/companion-url.ts';
import { HUB_IDS } from '../vaccination.ts';

export interface ConnectionTestInput {
  companionUrl: string;
  secret?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function testConnection(input: ConnectionTestInput): Promise<ConnectionReport> {
  const url = parseCompanionUrl(input.companionUrl);
  const extensionFingerprint = input.secret ? await pairingFingerprint(input.secret) : undefined;
  const report: ConnectionReport = {
    companionUrl: url.ok ? url.value : input.companionUrl,
    pairing: extensionFingerprint ? { extension: extensionFingerprint } : {},
    certificates: [],
    hubs: [],
  };
  if (!url.ok) return { ...report, problem: 'bad-url' };

  const opts: Omit<CompanionCallOptions, 'secret'> & { secret?: string } = {
    baseUrl: url.value,
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  };
  const outcome = await health(opts);
  if (!outcome.ok) {
    const problem = outcome.problem === 'not-paired' && !input.secret ? 'no-secret' : outcome.problem;
    return {
      ...report,
      problem,
      ...(outcome.summary ? { version: outcome.summary.version } : {}),
    };
  }
  const h = outcome.health;
  const companionFingerprint = h.pairingFingerprint;
  return {
    ...report,
    version: h.version,
    mode: h.mode,
    pairing: {
      ...report.pairing,
      ...(companionFingerprint ? { companion: companionFingerprint } : {}),
      ...(companionFingerprint && extensionFingerprint ? { match: companionFingerprint === extensionFingerprint } : {}),
    },
    certificates: h.certificates,
    hubs: HUB_IDS.flatMap((hub) => {
      const u = h.upstreams[hub];
      return u ? [{ hub, reachable: u.reachable, ...(u.latencyMs !== undefined ? { latencyMs: u.latencyMs } : {}) }] : [];
    }),
  };
}
