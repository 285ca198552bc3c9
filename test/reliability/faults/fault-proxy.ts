/**
 * A fault-injecting proxy in front of a (simulated) hub, on 127.0.0.1 only.
 *
 * It accepts TCP itself, so it can misbehave below TLS (a blackhole that
 * never answers the handshake, a certificate from a CA nobody trusts, a
 * connection closed at once), and it terminates TLS with a certificate the
 * companion trusts and serves HTTP itself, so it can misbehave above it
 * (never answer, answer one byte per second, reset the connection in the
 * middle of the answer, a SOAP fault, HTTP 500, garbage, an answer past the
 * size cap). `pass` forwards to the real hub. The mode is read per TCP
 * connection for the TLS-level faults and per request for the HTTP-level
 * ones, and `faultAfter` lets the first requests through (so a fault can
 * hit GetTransaction after a good GetTransactionList).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { prng } from '../hostile/xml-writer.ts';

export type FaultMode =
  | { kind: 'pass' }
  /** TCP accepted, TLS never answered. */
  | { kind: 'blackhole' }
  /** TCP accepted and closed at once. */
  | { kind: 'closed' }
  /** TLS with a certificate from a CA the companion does not trust. */
  | { kind: 'unknown-ca' }
  /** The request is read, no answer ever comes. */
  | { kind: 'never-answer' }
  /** The hub's real answer, `bytesPerSecond` at a time. */
  | { kind: 'slow'; bytesPerSecond: number }
  /** The hub's real answer: status, headers and part of the body, then a TCP reset. */
  | { kind: 'reset-mid-response' }
  /** HTTP 500 with a SOAP 1.1 Server fault. */
  | { kind: 'soap-fault' }
  /** HTTP 500 with an HTML error page. */
  | { kind: 'http-500' }
  /** HTTP 200, text/xml, random bytes. */
  | { kind: 'garbage'; seed: number }
  /** HTTP 200, text/xml, an answer that keeps coming (`bytes` in all, no Content-Length). */
  | { kind: 'oversize'; bytes: number };

const TLS_LEVEL = new Set(['blackhole', 'closed', 'unknown-ca']);

export interface FaultProxyOptions {
  /** The real hub's URL (its path is kept). */
  upstream: URL;
  /** CA that issued the real hub's certificate. */
  upstreamCaPem: string;
  /** The certificate the proxy presents normally (issued by a CA the companion trusts). */
  trusted: { key: string; cert: string };
  /** The certificate of the `unknown-ca` fault. */
  untrusted: { key: string; cert: string };
}

export interface FaultProxy {
  url: string;
  mode: FaultMode;
  /** Requests that pass untouched before the fault applies (default 0). */
  faultAfter: number;
  /** Requests seen since the last `reset()`. */
  requests(): number;
  /** TCP connections from the client still open. */
  openConnections(): number;
  /** Sets a mode, zeroes the request count and closes the client's kept-alive connections. */
  set(mode: FaultMode, faultAfter?: number): void;
  close(): Promise<void>;
}

const SOAP_FAULT =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>simulated internal failure</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const clientSockets = new Set<net.Socket>();
  const held = new Set<ServerResponse>();
  const upstreamAgent = new https.Agent({ keepAlive: true, ca: options.upstreamCaPem });
  const trustedContext = tls.createSecureContext(options.trusted);
  const untrustedContext = tls.createSecureContext(options.untrusted);
  let requestCount = 0;
  let closing = false;

  const state = {
    mode: { kind: 'pass' } as FaultMode,
    faultAfter: 0,
  };

  /** The hub's real answer to this request, as status, headers and body. */
  function fetchUpstream(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const target = new URL(req.url ?? '/', options.upstream);
      const out = https.request(target, { method: req.method, agent: upstreamAgent, headers: { ...req.headers, host: target.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: http.OutgoingHttpHeaders = { 'content-type': res.headers['content-type'] ?? 'text/xml' };
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  function readRequest(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', () => resolve(Buffer.alloc(0)));
    });
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readRequest(req);
    requestCount++;
    const mode = requestCount > state.faultAfter ? state.mode : ({ kind: 'pass' } as FaultMode);
    const socket = req.socket as tls.TLSSocket & { rawSocket?: net.Socket };
    switch (mode.kind) {
      case 'never-answer':
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      case 'soap-fault':
        res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(SOAP_FAULT);
        return;
      case 'http-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
        return;
      case 'garbage': {
        const random = prng(mode.seed);
        const bytes = Buffer.alloc(64 + Math.floor(random() * 4_000), 0);
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(bytes);
        return;
      }
      case 'oversize': {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        const chunk = Buffer.from(`<x>${'a'.repeat(64 * 1024 - 7)}</x>`);
        let sent = 0;
        const pump = () => {
          while (!res.destroyed && sent < mode.bytes && res.write(chunk)) sent += chunk.length;
          if (res.destroyed || sent >= mode.bytes) return void res.end();
          res.once('drain', pump);
        };
        res.write('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>');
        pump();
        return;
      }
      default:
        break;
    }
    let real: Awaited<ReturnType<typeof fetchUpstream>>;
    try {
      real = await fetchUpstream(req, body);
    } catch {
      res.writeHead(502).end();
      return;
    }
    if (mode.kind === 'slow') {
      res.writeHead(real.status, { ...real.headers, 'content-length': real.body.length });
      held.add(res);
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= real.body.length) {
          clearInterval(timer);
          held.delete(res);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(real.body.subarray(at, at + mode.bytesPerSecond));
        at += mode.bytesPerSecond;
      }, 1_000);
      res.on('close', () => {
        clearInterval(timer);
        held.delete(res);
      });
      return;
    }
    if (mode.kind === 'reset-mid-response') {
      res.writeHead(real.status, { ...real.headers, 'content-length': real.body.length });
      res.write(real.body.subarray(0, Math.floor(real.body.length / 2)), () => {
        // A TCP RST under the TLS stream, as a hub crashing mid-answer.
        setTimeout(() => (socket.rawSocket ?? (socket as unknown as { _parent?: net.Socket })._parent ?? socket).resetAndDestroy(), 20);
      });
      return;
    }
    res.writeHead(real.status, { ...real.headers, 'content-length': real.body.length }).end(real.body);
  }

  const httpServer = http.createServer((req, res) => {
    answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  httpServer.keepAliveTimeout = 30_000;

  const tcp = net.createServer((socket) => {
    if (closing) return void socket.destroy();
    clientSockets.add(socket);
    socket.on('close', () => clientSockets.delete(socket));
    socket.on('error', () => undefined);
    const mode = state.mode;
    const tlsLevel = TLS_LEVEL.has(mode.kind);
    if (tlsLevel && mode.kind === 'blackhole') return; // read nothing, say nothing
    if (tlsLevel && mode.kind === 'closed') return void socket.destroy();
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: tlsLevel ? untrustedContext : trustedContext });
    (secure as tls.TLSSocket & { rawSocket?: net.Socket }).rawSocket = socket;
    secure.on('error', () => socket.destroy());
    httpServer.emit('connection', secure);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const port = (tcp.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}${options.upstream.pathname}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: FaultMode) {
      state.mode = mode;
    },
    get faultAfter() {
      return state.faultAfter;
    },
    set faultAfter(n: number) {
      state.faultAfter = n;
    },
    requests: () => requestCount,
    openConnections: () => clientSockets.size,
    set(mode, faultAfter = 0) {
      state.mode = mode;
      state.faultAfter = faultAfter;
      requestCount = 0;
      // Kept-alive connections of the previous mode would dodge a TLS-level fault: start afresh.
      for (const s of clientSockets) s.destroy();
    },
    async close() {
      closing = true;
      for (const res of held) res.destroy();
      for (const s of clientSockets) s.destroy();
      upstreamAgent.destroy();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
