/**
 * The real consultation upstream: RSW and RSB asked in parallel, each with
 * its own timeout, each failure typed per hub while the other hub's answer
 * still comes back.
 */
import https from 'node:https';
import type { HubResult } from '../../../lib/companion/contract.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { ConsultUpstream } from '../upstream.ts';
import { consultHub, LIST_PAGES_AT_ONCE, type HubConsultContext } from './consult-hub.ts';
import { deadline } from './deadline.ts';
import { DEFAULTS, validateHubUpstreamOptions, type HubEndpoint, type HubUpstreamOptions } from './options.ts';
import { probeEndpoint } from './probe.ts';
import { createHubRegistrationClient, type HubRegistrationClient } from './registration-client.ts';

export interface HubUpstream extends ConsultUpstream {
  /** Closes kept-alive connections (the process can also just exit). */
  close(): void;
  /** PutTransaction / RevokeTransaction / lookup on the same hubs, connections and tokens. */
  registration: HubRegistrationClient;
}

interface HubRuntime {
  endpoint: HubEndpoint;
  url: URL;
  agent: https.Agent;
  timeoutMs: number;
}

export function createHubUpstream(options: HubUpstreamOptions): HubUpstream {
  validateHubUpstreamOptions(options);
  const maxConcurrency = options.maxConcurrency ?? DEFAULTS.maxConcurrency;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const runtimes = new Map<HubId, HubRuntime>();
  for (const [hub, endpoint] of Object.entries(options.endpoints) as [HubId, HubEndpoint | undefined][]) {
    if (!endpoint) continue;
    runtimes.set(hub, {
      endpoint,
      url: new URL(endpoint.url),
      // One kept-alive pool per hub: a consultation's list pages (up to LIST_PAGES_AT_ONCE at a
      // time) are asked for while up to maxConcurrency transactions are fetched, hence the more.
      agent: new https.Agent({ keepAlive: true, maxSockets: maxConcurrency + LIST_PAGES_AT_ONCE, timeout: 30_000, ca: endpoint.caPem }),
      timeoutMs: endpoint.timeoutMs ?? options.timeoutMs ?? DEFAULTS.timeoutMs,
    });
  }

  const contextFor = (hub: HubId, runtime: HubRuntime): HubConsultContext => ({
    hub,
    target: { url: runtime.url, caPem: runtime.endpoint.caPem, agent: runtime.agent, maxResponseBytes },
    pharmacy: options.pharmacy,
    application: options.application,
    tokenProvider: options.tokenProvider,
    maxConcurrency,
    maxTransactions: options.maxTransactions ?? DEFAULTS.maxTransactions,
    now: options.now ?? (() => new Date()),
  });

  const registration = createHubRegistrationClient(
    {
      context: (hub) => {
        const runtime = runtimes.get(hub);
        return runtime && contextFor(hub, runtime);
      },
      timeoutMs: (hub) => runtimes.get(hub)?.timeoutMs ?? options.timeoutMs ?? DEFAULTS.timeoutMs,
    },
    [...runtimes.keys()],
  );

  return {
    registration,
    async consult(insz, hubs, signal) {
      const entries = await Promise.all(
        [...new Set(hubs)].map(async (hub): Promise<[HubId, HubResult]> => {
          const runtime = runtimes.get(hub);
          if (!runtime) {
            return [hub, { status: 'error', error: { code: 'not-supported', message: `no endpoint is configured for ${hub.toUpperCase()}` }, durationMs: 0 }];
          }
          const limit = deadline(signal, runtime.timeoutMs);
          try {
            return [hub, await consultHub(contextFor(hub, runtime), insz, limit.signal)];
          } finally {
            limit.dispose();
          }
        }),
      );
      return Object.fromEntries(entries) as Partial<Record<HubId, HubResult>>;
    },
    async probe(signal) {
      const entries = await Promise.all(
        [...runtimes].map(async ([hub, runtime]) => {
          const limit = deadline(signal, Math.min(runtime.timeoutMs, 5_000));
          try {
            return [hub, await probeEndpoint({ url: runtime.url, caPem: runtime.endpoint.caPem, agent: runtime.agent }, limit.signal)] as const;
          } finally {
            limit.dispose();
          }
        }),
      );
      return Object.fromEntries(entries);
    },
    close() {
      for (const runtime of runtimes.values()) runtime.agent.destroy();
    },
  };
}
