/**
 * Every security rule of the local API, each proven with the bad request sent
 * over real HTTP (raw node:http so Host and Origin are exactly what we say).
 */
import net from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHROME_ORIGIN,
  FIREFOX_ORIGIN,
  TEST_SECRET,
  VALID_INSZ,
  consultRequest,
  delay,
  rawRequest,
  seenResponses,
  startTestServer,
  type TestServer,
} from './helpers.ts';

let s: TestServer;
const VALID_BODY = { insz: VALID_INSZ[0] };

afterEach(async () => {
  await s?.close();
});

afterAll(() => {
  // No response of this whole file carried a CORS header.
  expect(seenResponses.length).toBeGreaterThan(50);
  for (const r of seenResponses) {
    for (const name of Object.keys(r.headers)) expect(name).not.toMatch(/^access-control-/i);
  }
});

describe('listening', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it('answers on 127.0.0.1', async () => {
    expect((await rawRequest({ port: s.port })).status).toBe(200);
  });

  it('does not listen on the IPv6 loopback (bound to 127.0.0.1 only)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '::1', port: s.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it.each([
    ['127.0.0.1:<port>', (p: number) => `127.0.0.1:${p}`],
    ['localhost:<port>', (p: number) => `localhost:${p}`],
  ])('accepts %s', async (_name, host) => {
    expect((await rawRequest({ port: s.port, host: host(s.port) })).status).toBe(200);
  });

  it.each([
    ['a rebinding name', (p: number) => `evil.example:${p}`],
    ['a rebinding name without port', () => 'evil.example'],
    ['127.0.0.1 without the port', () => '127.0.0.1'],
    ['another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['localhost. (trailing dot)', (p: number) => `localhost.:${p}`],
    ['a look-alike suffix', (p: number) => `localhost.evil.example:${p}`],
    ['the IPv6 loopback', (p: number) => `[::1]:${p}`],
    ['0.0.0.0', (p: number) => `0.0.0.0:${p}`],
  ])('refuses %s with 403, before any upstream call', async (_name, host) => {
    const r = await rawRequest({
      port: s.port,
      method: 'POST',
      path: '/v1/consult',
      host: host(s.port),
      headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET },
      body: JSON.stringify(VALID_BODY),
    });
    expect(r.status).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('refuses a request with no Host header with 403', async () => {
    const r = await rawRequest({ port: s.port, host: null });
    expect(r.status).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });
});

describe('Origin policy', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it.each([CHROME_ORIGIN, FIREFOX_ORIGIN])('accepts the allowed extension origin %s', async (origin) => {
    const r = await consultRequest(s.port, VALID_BODY, { Origin: origin });
    expect(r.status).toBe(200);
  });

  it('accepts a request with no Origin header (judged by Host and secret)', async () => {
    expect((await consultRequest(s.port, VALID_BODY)).status).toBe(200);
  });

  it.each([
    ['null', 'null'],
    ['a web origin', 'https://evil.example'],
    ['the local web origin', 'http://127.0.0.1'],
    ['a look-alike extension id (last letter)', `chrome-extension://${'abcdefghijklmnop'.repeat(2).slice(0, 31)}a`],
    ['the allowed id with a trailing slash', `${CHROME_ORIGIN}/`],
    ['the allowed id in capitals', CHROME_ORIGIN.toUpperCase()],
    ['the allowed id under another scheme', CHROME_ORIGIN.replace('chrome-extension', 'moz-extension')],
    ['an empty Origin', ''],
  ])('refuses %s with 403 before any upstream call', async (_name, origin) => {
    const r = await consultRequest(s.port, VALID_BODY, { Origin: origin });
    expect(r.status).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('refuses a bad Origin on health too', async () => {
    expect((await rawRequest({ port: s.port, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('Origin policy: any extension (the simulator demo default)', () => {
  beforeEach(async () => {
    s = await startTestServer({ originPolicy: { kind: 'any-extension' } });
  });

  it('accepts any well-formed extension origin', async () => {
    const other = `chrome-extension://${'ponmlkjihgfedcba'.repeat(2)}`;
    expect((await consultRequest(s.port, VALID_BODY, { Origin: other })).status).toBe(200);
    expect((await consultRequest(s.port, VALID_BODY, { Origin: FIREFOX_ORIGIN })).status).toBe(200);
  });

  it.each(['null', 'https://evil.example', 'chrome-extension://short', 'chrome-extension://' + 'q'.repeat(32)])(
    'still refuses %s',
    async (origin) => {
      expect((await consultRequest(s.port, VALID_BODY, { Origin: origin })).status).toBe(403);
      expect(s.upstream.calls).toHaveLength(0);
    },
  );
});

describe('methods and media type', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('%s /v1/consult is 405 with Allow: POST', async (method) => {
    const r = await rawRequest({ port: s.port, method, path: '/v1/consult', headers: { 'X-Companion-Secret': TEST_SECRET } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('POST /v1/health is 405 with Allow: GET', async () => {
    const r = await rawRequest({ port: s.port, method: 'POST', path: '/v1/health' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
  });

  it('a CORS preflight from an allowed origin gets 405 and no Access-Control-Allow-* header', async () => {
    const r = await rawRequest({
      port: s.port,
      method: 'OPTIONS',
      path: '/v1/consult',
      headers: {
        Origin: CHROME_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-companion-secret',
      },
    });
    expect(r.status).toBe(405);
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a CORS preflight from a web page gets 403 and no Access-Control-Allow-* header', async () => {
    const r = await rawRequest({
      port: s.port,
      method: 'OPTIONS',
      path: '/v1/consult',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(r.status).toBe(403);
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it.each([
    ['text/plain (a no-preflight cross-site POST)', 'text/plain'],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('%s is 415 before any upstream call', async (_name, type) => {
    const r = await consultRequest(s.port, VALID_BODY, { 'Content-Type': type });
    expect(r.status).toBe(415);
    expect(r.json().error.code).toBe('unsupported-media-type');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('no Content-Type is 415', async () => {
    const r = await rawRequest({
      port: s.port,
      method: 'POST',
      path: '/v1/consult',
      headers: { 'X-Companion-Secret': TEST_SECRET },
      body: JSON.stringify(VALID_BODY),
    });
    expect(r.status).toBe(415);
  });

  it('application/json; charset=utf-8 is accepted', async () => {
    const r = await consultRequest(s.port, VALID_BODY, { 'Content-Type': 'application/json; charset=UTF-8' });
    expect(r.status).toBe(200);
  });
});

describe('pairing secret', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it('a missing secret is 401', async () => {
    const r = await rawRequest({
      port: s.port,
      method: 'POST',
      path: '/v1/consult',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(VALID_BODY),
    });
    expect(r.status).toBe(401);
    expect(r.json().error.code).toBe('unauthorized');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it.each([
    ['a wrong secret of the same length', TEST_SECRET.slice(0, -1) + (TEST_SECRET.endsWith('A') ? 'B' : 'A')],
    ['a prefix of the secret', TEST_SECRET.slice(0, 20)],
    ['the secret with more after it', `${TEST_SECRET}x`],
    ['an empty secret', ''],
  ])('%s is 401', async (_name, secret) => {
    const r = await consultRequest(s.port, VALID_BODY, { 'X-Companion-Secret': secret });
    expect(r.status).toBe(401);
    expect(r.text).not.toContain(TEST_SECRET);
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('health without a secret says only name and version', async () => {
    const r = await rawRequest({ port: s.port });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ name: 'vaccicard-companion', version: '0.0.0-test' });
    expect(s.upstream.probes).toBe(0);
  });

  it('health with a wrong secret is 401', async () => {
    const r = await rawRequest({ port: s.port, headers: { 'X-Companion-Secret': 'nope' } });
    expect(r.status).toBe(401);
    expect(s.upstream.probes).toBe(0);
  });
});

describe('body cap', () => {
  beforeEach(async () => {
    s = await startTestServer({ maxBodyBytes: 1_024 });
  });

  it('a declared body over the cap is 413 and the server keeps serving', async () => {
    const r = await consultRequest(s.port, JSON.stringify({ insz: VALID_INSZ[0], pad: 'x'.repeat(5_000) }));
    expect(r.status).toBe(413);
    expect(r.json().error.code).toBe('payload-too-large');
    expect(s.upstream.calls).toHaveLength(0);
    expect((await consultRequest(s.port, VALID_BODY)).status).toBe(200);
  });

  it('a chunked body (no Content-Length) is cut off at the cap with 413', async () => {
    const r = await rawRequest({
      port: s.port,
      method: 'POST',
      path: '/v1/consult',
      headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET, 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ insz: VALID_INSZ[0], pad: 'x'.repeat(3_000) }),
      chunked: true,
    });
    expect(r.status).toBe(413);
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('a body just under the cap is read', async () => {
    const body = JSON.stringify({ insz: VALID_INSZ[0] }).padEnd(1_000, ' ');
    expect((await consultRequest(s.port, body)).status).toBe(200);
  });
});

describe('request timeout', () => {
  it('gives 504 and aborts the upstream call through its AbortSignal', async () => {
    s = await startTestServer({ requestTimeoutMs: 300 });
    s.upstream.behaviour = async ({ signal }) => {
      await delay(10_000, signal);
      return {};
    };
    const started = Date.now();
    const r = await consultRequest(s.port, VALID_BODY);
    expect(r.status).toBe(504);
    expect(r.json().error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(s.upstream.calls).toHaveLength(1);
    expect(s.upstream.calls[0]!.signal.aborted).toBe(true);
  });

  it('gives 504 on time even when the upstream ignores the abort', async () => {
    s = await startTestServer({ requestTimeoutMs: 300 });
    s.upstream.behaviour = () => new Promise(() => {});
    const started = Date.now();
    const r = await consultRequest(s.port, VALID_BODY);
    expect(r.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('aborts the upstream call when the client goes away', async () => {
    s = await startTestServer();
    let aborted!: () => void;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    s.upstream.behaviour = async ({ signal }) => {
      signal.addEventListener('abort', () => aborted(), { once: true });
      await delay(10_000, signal).catch(() => undefined);
      return {};
    };
    const socket = net.connect({ host: '127.0.0.1', port: s.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = JSON.stringify(VALID_BODY);
    socket.write(
      `POST /v1/consult HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\n` +
        `X-Companion-Secret: ${TEST_SECRET}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    while (s.upstream.calls.length === 0) await delay(10);
    socket.destroy();
    await wasAborted;
    expect(s.upstream.calls[0]!.signal.aborted).toBe(true);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the burst, and recovers', async () => {
    // 3 at once, then 10 per second.
    s = await startTestServer({ rateLimit: { burst: 3, perMinute: 600 } });
    for (let i = 0; i < 3; i++) expect((await consultRequest(s.port, VALID_BODY)).status).toBe(200);
    const limited = await consultRequest(s.port, VALID_BODY);
    expect(limited.status).toBe(429);
    expect(limited.json().error.code).toBe('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(s.upstream.calls).toHaveLength(3);
    await delay(250);
    expect((await consultRequest(s.port, VALID_BODY)).status).toBe(200);
  });

  it('counts wrong-secret attempts too (guessing is rate limited)', async () => {
    s = await startTestServer({ rateLimit: { burst: 2, perMinute: 1 } });
    for (let i = 0; i < 2; i++) expect((await consultRequest(s.port, VALID_BODY, { 'X-Companion-Secret': 'guess' })).status).toBe(401);
    expect((await consultRequest(s.port, VALID_BODY)).status).toBe(429);
  });
});

describe('operation allow-list and parameter validation', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it.each(['/', '/v1', '/v1/', '/v1/consult/', '/v1/Consult', '/v2/consult', '/v1/health/../consult', '/v1/register', '/v1/consult%2F'])(
    '%s is 404',
    async (path) => {
      const r = await rawRequest({
        port: s.port,
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET },
        body: JSON.stringify(VALID_BODY),
      });
      expect(r.status).toBe(404);
      expect(r.json().error.code).toBe('not-found');
      expect(s.upstream.calls).toHaveLength(0);
    },
  );

  it('an absolute-form request target is not an operation', async () => {
    const r = await rawRequest({ port: s.port, path: `http://127.0.0.1:${s.port}/v1/health` });
    expect(r.status).toBe(404);
  });

  it.each([
    ['not JSON', '{"insz": '],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['no insz', '{}'],
    ['a number insz', '{"insz": 85073003328}'],
    ['bad check digits', '{"insz": "85073003329"}'],
    ['a formatted INSZ (send digits)', '{"insz": "85.07.30-033.28"}'],
    ['too short', '{"insz": "8507300332"}'],
    ['an unknown hub', '{"insz": "85073003328", "hubs": ["vitalink"]}'],
    ['no hubs', '{"insz": "85073003328", "hubs": []}'],
    ['an unknown field', '{"insz": "85073003328", "url": "https://evil.example"}'],
  ])('%s is 400 before any upstream call', async (_name, body) => {
    const r = await consultRequest(s.port, body);
    expect(r.status).toBe(400);
    expect(r.json().error.code).toBe('bad-request');
    expect(s.upstream.calls).toHaveLength(0);
  });

  it('an invalid INSZ names the field in issues and does not echo the number', async () => {
    const r = await consultRequest(s.port, '{"insz": "85073003329"}');
    expect(r.json().error.issues).toEqual([{ path: 'insz', message: expect.any(String) }]);
    expect(r.text).not.toContain('85073003329');
  });

  it('invalid JSON does not echo the body', async () => {
    const r = await consultRequest(s.port, '{"insz": "85073003328" x');
    expect(r.status).toBe(400);
    expect(r.text).not.toContain('85073003328');
  });

  it('invalid UTF-8 is 400', async () => {
    const r = await consultRequest(s.port, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) as unknown as string);
    expect(r.status).toBe(400);
  });
});

describe('hardening headers', () => {
  beforeEach(async () => {
    s = await startTestServer();
  });

  it.each([
    ['a success', () => consultRequest(s.port, VALID_BODY)],
    ['an error', () => consultRequest(s.port, '{}')],
    ['a refusal', () => rawRequest({ port: s.port, host: 'evil.example' })],
  ])('%s carries nosniff and no-store', async (_name, send) => {
    const r = await send();
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});
