/**
 * BENCH ONLY, run as its own process (forked with an IPC channel; bundled and
 * run like the companion's production form, see production-build.ts, or under
 * tsx): the companion's hub client and STS token provider, configured as
 * the companion configures them, WITHOUT the companion's local API. The bench
 * sends `{ id, insz }` and gets back `{ id, hubs }` (every hub's whole answer,
 * as the companion would return it) once both hubs answered.
 * Same process layout as the companion (client process → this process → the
 * hubs), so comparing the two isolates what the local API costs.
 */
import type { RemoteServices, HubUrls } from './remote-protocol.ts';
import { benchTokenProvider, inProcessHubClient } from './clients.ts';

interface Setup {
  remote: RemoteServices;
  hubs: HubUrls;
}

async function main(): Promise<void> {
  const setup = JSON.parse(process.env.BENCH_DIRECT_CLIENT ?? '') as Setup;
  const tokenProvider = await benchTokenProvider(setup.remote);
  const client = await inProcessHubClient(setup.remote, setup.hubs, tokenProvider);
  process.on('message', (raw) => {
    const { id, insz } = raw as { id: number; insz: string };
    client.consult(insz, ['rsw', 'rsb'], new AbortController().signal).then(
      (results) => process.send!({ id, hubs: results }),
      (error: unknown) => process.send!({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => {
    client.close();
    process.exit(0);
  });
  process.send!({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench direct client: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
