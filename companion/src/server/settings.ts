/**
 * What the HTTP server needs to know, separate from the configuration file
 * so tests can build it directly.
 */
import type { HealthResponse } from '../../../lib/companion/contract.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { OriginPolicy } from '../config/origins.ts';
import type { RateLimitSettings } from './rate-limit.ts';

export type CompanionMode = HealthResponse['mode'];

/** `/v1/health` answers within about this long even when a hub hangs (the extension waits 5 s). */
export const MAX_PROBE_MS = 4_000;

export interface CompanionServerSettings {
  mode: CompanionMode;
  originPolicy: OriginPolicy;
  /** The whole request, body reading included; past it: 504 and the upstream call is aborted. */
  requestTimeoutMs: number;
  /** How long `/v1/health` waits for `upstream.probe`. */
  probeTimeoutMs: number;
  rateLimit: RateLimitSettings;
  maxBodyBytes: number;
  maxResponseBytes: number;
}

export function serverSettingsFrom(loaded: LoadedConfig, mode: CompanionMode): CompanionServerSettings {
  const c = loaded.config;
  return {
    mode,
    originPolicy: loaded.originPolicy,
    requestTimeoutMs: c.timeouts.requestMs,
    probeTimeoutMs: Math.min(c.timeouts.hubMs, MAX_PROBE_MS),
    rateLimit: c.rateLimit,
    maxBodyBytes: c.maxBodyBytes,
    maxResponseBytes: c.maxResponseBytes,
  };
}
