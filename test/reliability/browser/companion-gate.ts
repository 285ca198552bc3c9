/**
 * A gate between the extension and the companion, on 127.0.0.1: it forwards
 * each request to the companion's port (Host rewritten, as the companion
 * allows only its own), and can hold consultations for a while before
 * forwarding them, which makes "mid-lookup" a window the test controls. A
 * consultation whose forwarding fails (the companion is down, or died) has
 * its connection destroyed, exactly as a dying companion leaves it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CompanionGate {
  url: string;
  /** Consultations are held this long before being forwarded (0: at once). */
  holdConsultsMs: number;
  /** Consultations received (held or not). */
  consults(): number;
  /** Consultations currently held. */
  held(): number;
  close(): Promise<void>;
}

export async function startCompanionGate(companionPort: () => number): Promise<CompanionGate> {
  let consults = 0;
  let held = 0;
  const open = new Set<ServerResponse>();
  const state = { holdConsultsMs: 0 };

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const port = companionPort();
    const out = http.request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: { ...req.headers, host: `127.0.0.1:${port}` }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  }

  const server = http.createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isConsult = req.url === '/v1/consult';
      if (isConsult) consults++;
      if (!isConsult || state.holdConsultsMs <= 0) return forward(req, body, res);
      held++;
      setTimeout(() => {
        held--;
        if (!res.destroyed) forward(req, body, res);
      }, state.holdConsultsMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get holdConsultsMs() {
      return state.holdConsultsMs;
    },
    set holdConsultsMs(ms: number) {
      state.holdConsultsMs = ms;
    },
    consults: () => consults,
    held: () => held,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
