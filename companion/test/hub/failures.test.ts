/**
 * One hub failing never hides the other hub's answer: every failure mode of
 * a hub becomes a typed HubResult error (real sockets).
 */
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, createTlsServerCertificate } from '../../src/pki/index.ts';
import { HubOptionsError, type HubUpstream } from '../../src/hub/index.ts';
import { TokenError } from '../../src/token-provider.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { clientFor, startFixture, type SimulatorFixture } from '../helpers/simulator.ts';

let fx: SimulatorFixture;
const servers: { close(): void }[] = [];

beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  for (const s of servers) s.close();
  await fx?.sim.close();
});

const byKey = (key: string) => SYNTHETIC_PATIENTS.find((p) => p.key === key)!;
const bothHubs = byKey('same-vaccination-both-hubs');

async function withClient<T>(client: HubUpstream, run: (c: HubUpstream) => Promise<T>): Promise<T> {
  try {
    return await run(client);
  } finally {
    client.close();
  }
}

/** An HTTPS server with a certificate from the simulator's CA, answering with `handler`. */
async function customHub(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<string> {
  const tls = await createTlsServerCertificate(fx.sim.testing.ca);
  const server = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function rswOnlyBroken(url: string, caPem = fx.sim.caCertPem) {
  return clientFor(fx.sim, { endpoints: { rsw: { url, caPem }, rsb: { url: fx.sim.rsb.url, caPem: fx.sim.caCertPem } } });
}

describe('partial results when one hub fails', () => {
  it('connection refused', async () => {
    const answer = await withClient(rswOnlyBroken(`https://127.0.0.1:${await closedPort()}/hub`), (c) =>
      c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)),
    );
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'unreachable', message: expect.stringMatching(/refused/) } });
    expect(answer.rsb).toMatchObject({ status: 'ok', transactions: [expect.anything()] });
  });

  it('a TLS certificate from an untrusted CA', async () => {
    const otherCa = await createTestCa('Untrusted CA');
    const answer = await withClient(rswOnlyBroken(fx.sim.rsw.url, otherCa.certificatePem), (c) =>
      c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)),
    );
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'unreachable', message: expect.stringMatching(/TLS/) } });
    expect(answer.rsb?.status).toBe('ok');
  });

  it('HTTP 503 without SOAP', async () => {
    const url = await customHub((_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
    const answer = await withClient(rswOnlyBroken(url), (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'hub-error', message: 'the hub answered HTTP 503' } });
    expect(answer.rsb?.status).toBe('ok');
  });

  it('a connection reset in the middle of the answer', async () => {
    const url = await customHub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '5000' });
      res.write('<soapenv:Envelope');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const answer = await withClient(rswOnlyBroken(url), (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'unreachable' } });
    expect(answer.rsb?.status).toBe('ok');
  });

  it('an endless answer is cut at the size cap while streaming', async () => {
    let written = 0;
    const url = await customHub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && written < 200 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 200 * 1024 * 1024) res.once('drain', pump);
      };
      pump();
    });
    const started = Date.now();
    const client = clientFor(fx.sim, {
      endpoints: { rsw: { url, caPem: fx.sim.caCertPem }, rsb: { url: fx.sim.rsb.url, caPem: fx.sim.caCertPem } },
      maxResponseBytes: 1_000_000,
    });
    const answer = await withClient(client, (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(20_000)));
    // Without the cap the client would read until the caller's 20 s deadline (a timeout, not this error).
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'hub-error', message: expect.stringMatching(/larger than 1000000 bytes/) } });
    expect(answer.rsb?.status).toBe('ok');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const url = await customHub((_req, res) => res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(10_000_000) }).end());
    const answer = await withClient(rswOnlyBroken(url), (c) => c.consult(bothHubs.insz, ['rsw'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'hub-error' } });
  });

  it('an answer that is not the expected operation', async () => {
    const url = await customHub((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><Other/></soapenv:Body></soapenv:Envelope>'),
    );
    const answer = await withClient(rswOnlyBroken(url), (c) => c.consult(bothHubs.insz, ['rsw'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'malformed-response' } });
  });

  it('an answer that is not UTF-8', async () => {
    const url = await customHub((_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e])));
    const answer = await withClient(rswOnlyBroken(url), (c) => c.consult(bothHubs.insz, ['rsw'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'malformed-response' } });
  });
});

describe('timeouts and cancellation', () => {
  it('a hub that never answers times out on its own budget; the other hub answers', async () => {
    const url = await customHub(() => {
      /* never answers */
    });
    const client = clientFor(fx.sim, {
      endpoints: { rsw: { url, caPem: fx.sim.caCertPem, timeoutMs: 300 }, rsb: { url: fx.sim.rsb.url, caPem: fx.sim.caCertPem } },
    });
    const started = Date.now();
    const answer = await withClient(client, (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(20_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'timeout' } });
    expect(answer.rsb?.status).toBe('ok');
    // Ended by RSW's own 300 ms budget, far before the caller's 20 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((answer.rsw as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(290);
  });

  it('the caller cancelling ends both hubs at once, without rejecting', async () => {
    const timeoutPatient = byKey('behaviour-timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    // Per-hub budgets of 60 s: only the caller's cancel can end this quickly.
    const answer = await withClient(clientFor(fx.sim, { timeoutMs: 60_000 }), (c) => c.consult(timeoutPatient.insz, ['rsw', 'rsb'], controller.signal));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'timeout' } });
    expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'timeout' } });
  });
});

describe('tokens and configuration', () => {
  it('a token provider that is not supported yet says so per hub', async () => {
    const client = clientFor(fx.sim, {
      tokenProvider: {
        getToken: async () => {
          throw new TokenError('not-supported', 'the eHealth STS client is not implemented yet');
        },
        invalidate: () => undefined,
      },
    });
    const answer = await withClient(client, (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'not-supported', message: expect.stringMatching(/not implemented/) } });
    expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'not-supported' } });
  });

  it('a hub without endpoint is not-supported; the configured one answers', async () => {
    const client = clientFor(fx.sim, { endpoints: { rsb: { url: fx.sim.rsb.url, caPem: fx.sim.caCertPem } } });
    const answer = await withClient(client, (c) => c.consult(bothHubs.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000)));
    expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'not-supported' } });
    expect(answer.rsb?.status).toBe('ok');
  });

  it('lists every configuration problem at once', () => {
    let error: unknown;
    try {
      clientFor(fx.sim, {
        endpoints: { rsw: { url: 'http://hub.example/plain' }, rsb: { url: 'not a url' } },
        pharmacy: { pharmacyNumber: '12345678', pharmacist: { riziv: '12345678901', inss: '85073003329' } },
        application: { softwareId: 'x'.repeat(51), name: 'n', version: 'v' },
        maxConcurrency: 0,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubOptionsError);
    expect((error as HubOptionsError).problems).toEqual([
      'rsw: endpoint must use https',
      'rsb: endpoint is not a URL',
      'pharmacy number is not a valid 8-digit number',
      'pharmacist RIZIV is not a valid 11-digit number',
      'pharmacist INSS is not valid',
      'softwareId must be 1 to 50 characters',
      'maxConcurrency must be a positive integer',
    ]);
  });

  it('probe reports reachability and latency without patient data', async () => {
    const client = clientFor(fx.sim, {
      endpoints: { rsw: { url: fx.sim.rsw.url, caPem: fx.sim.caCertPem }, rsb: { url: `https://127.0.0.1:${await closedPort()}/hub`, caPem: fx.sim.caCertPem } },
    });
    const before = fx.received.length;
    const probe = await withClient(client, (c) => c.probe(AbortSignal.timeout(3_000)));
    expect(probe.rsw).toMatchObject({ reachable: true, latencyMs: expect.any(Number) });
    expect(probe.rsb).toEqual({ reachable: false });
    expect(fx.received.length).toBe(before);
  });
});
