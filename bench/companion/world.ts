/**
 * The companion as a pharmacy runs it (`start`, real-hub mode: its STS token
 * provider and hub client; the production bundle under plain node with the
 * production V8 flags, see production-build.ts), pointed at the simulated
 * services of remote-services.ts in another process, with the bench's rate
 * limit. The hub-client process of the floor runs in the same form.
 */
import { randomBytes } from 'node:crypto';
import type { TokenProvider } from '../../companion/src/token-provider.ts';
import { startCompanion, type RunningCompanion } from '../../test/e2e/harness/companion.ts';
import { benchTokenProvider, companionClient, companionConfig, type CompanionClient } from './clients.ts';
import { startDirectClient, type DirectClient } from './direct-client.ts';
import { buildProductionForm, type ProductionForm } from './production-build.ts';
import type { HubUrls, UpstreamKind } from './remote-protocol.ts';
import { startRemoteServices, type RunningRemote } from './remote.ts';

/** Far above any load of the bench (the default, 30 at once and 120 a minute, would answer 429s). */
export const BENCH_RATE_LIMIT = { burst: 10_000, perMinute: 100_000 } as const;

export interface CompanionWorld {
  /** How the companion and the hub-client process were launched. */
  form: ProductionForm;
  remote: RunningRemote;
  /** The hubs the companion, the in-process hub client and the floor talk to. */
  hubs: HubUrls;
  companion: RunningCompanion;
  client: CompanionClient;
  tokenProvider: TokenProvider;
  /** The hub client in its own process, without the local API. */
  directClient: DirectClient;
  close(): Promise<void>;
}

export async function startCompanionWorld(root: string, upstream: UpstreamKind, maxSockets: number): Promise<CompanionWorld> {
  const form = await buildProductionForm(root);
  const remote = await startRemoteServices(root);
  const hubs = remote.info.hubs[upstream];
  let companion: RunningCompanion | undefined;
  let directClient: DirectClient | undefined;
  try {
    const secret = randomBytes(32).toString('base64url');
    companion = await startCompanion({ secret, allowedOrigins: [], simulator: false, config: companionConfig(remote.info, hubs, BENCH_RATE_LIMIT), entry: form.companion });
    const tokenProvider = await benchTokenProvider(remote.info);
    directClient = await startDirectClient(root, remote.info, hubs, form.directClient);
    const client = companionClient(companion.url, secret, maxSockets);
    const c = companion;
    const d = directClient;
    return {
      form,
      remote,
      hubs,
      companion: c,
      client,
      tokenProvider,
      directClient: d,
      close: async () => {
        client.close();
        await Promise.allSettled([c.stop(), d.stop(), remote.stop()]);
      },
    };
  } catch (error) {
    await Promise.allSettled([companion?.stop(), directClient?.stop(), remote.stop()]);
    throw error;
  }
}

let shared: Promise<CompanionWorld> | undefined;

/**
 * One companion world for the suites that need it (3 and 4), started on first
 * use (against the replay hubs) and stopped by `closeSharedCompanionWorld`.
 */
export function sharedCompanionWorld(root: string): Promise<CompanionWorld> {
  shared ??= startCompanionWorld(root, 'replay', 64);
  return shared;
}

export async function closeSharedCompanionWorld(): Promise<void> {
  const world = shared;
  shared = undefined;
  if (world) await (await world.catch(() => undefined))?.close();
}
