/**
 * The demo pharmacy platform ("FarmaFlux"), served on 127.0.0.1 only:
 *
 *   /                          today's patients; `?popup=<id>` shows the sensitisation pop-up
 *   /registration?patient=<id> the registration screen, with a button to the e-Form
 *   /eform?patient=<id>&entry=popup|registration|direct[&layout=v2]   the vaccination e-Form
 *   /api/patients/<id>         one patient as JSON (the e-Form switches patient without reloading)
 *   /static/farmaflux.css, /static/eform.js
 *
 * Run: `npx tsx demo/server.ts [--port 8080]`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { DemoPatient } from './demo-patient.ts';
import { ENTRY_PARAMS, renderEform, type EntryParam } from './pages/eform.ts';
import { renderHome, renderRegistration } from './pages/home.ts';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const STATIC_FILES: Readonly<Record<string, string>> = {
  '/static/farmaflux.css': 'text/css; charset=utf-8',
  '/static/eform.js': 'text/javascript; charset=utf-8',
};

export interface DemoServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  patients: readonly DemoPatient[];
  /** 0 (default): any free port. */
  port?: number;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

export function handleDemoRequest(patients: readonly DemoPatient[]) {
  const byId = new Map(patients.map((p) => [p.id, p]));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const html = (body: string) => send(res, 200, 'text/html; charset=utf-8', body);
    const patientParam = url.searchParams.get('patient');
    const patient = patientParam ? byId.get(patientParam) : undefined;

    if (url.pathname === '/') {
      const popup = url.searchParams.get('popup');
      html(renderHome({ patients, popupFor: popup ? byId.get(popup) : undefined }));
      return;
    }
    if (url.pathname === '/registration') {
      html(renderRegistration({ patient, patients }));
      return;
    }
    if (url.pathname === '/eform') {
      const entryParam = url.searchParams.get('entry') ?? 'direct';
      const entry: EntryParam = (ENTRY_PARAMS as readonly string[]).includes(entryParam)
        ? (entryParam as EntryParam)
        : 'direct';
      const layout = url.searchParams.get('layout') === 'v2' ? 'v2' : 'current';
      html(renderEform({ patient, entry, patients, layout }));
      return;
    }
    const api = /^\/api\/patients\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (api) {
      const found = byId.get(api[1]!);
      if (!found) send(res, 404, 'application/json', JSON.stringify({ error: 'unknown patient' }));
      else send(res, 200, 'application/json', JSON.stringify(found));
      return;
    }
    const type = STATIC_FILES[url.pathname];
    if (type) {
      const file = path.join(PUBLIC_DIR, path.basename(url.pathname));
      send(res, 200, type, await readFile(file));
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const handler = handleDemoRequest(options.patients);
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
  const { DEMO_PATIENTS } = await import('./patients.ts');
  const server = await startDemoServer({ patients: DEMO_PATIENTS, port });
  process.stdout.write(`Demo pharmacy platform: ${server.url}/\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`demo server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
