/** Is the configured port free, taken by a companion, or taken by something else? */
import http from 'node:http';
import net from 'node:net';
import { HealthSummary, PATHS } from '../../../lib/companion/contract.ts';

export type PortState = { kind: 'free' } | { kind: 'companion'; version: string } | { kind: 'other'; code?: string };

function tryBind(port: number): Promise<'free' | string> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

function askHealth(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: PATHS.health, headers: { Host: `127.0.0.1:${port}` }, timeout: 2_000, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.length < 64 && chunks.push(c));
        res.on('end', () => {
          try {
            resolve(HealthSummary.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))).version);
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

export async function checkPort(port: number): Promise<PortState> {
  const bound = await tryBind(port);
  if (bound === 'free') return { kind: 'free' };
  if (bound === 'EADDRINUSE') {
    const version = await askHealth(port);
    if (version !== undefined) return { kind: 'companion', version };
  }
  return { kind: 'other', code: bound };
}
