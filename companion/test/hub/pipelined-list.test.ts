/**
 * The transactions of a paged list are fetched while the next page is asked
 * for, with the old outcomes: all of them, in list order; a list page that
 * fails wins over a transaction that fails; the concurrency bound holds.
 * Real sockets: a relay in front of the simulated RSB hub delays or breaks
 * chosen answers.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTlsServerCertificate } from '../../src/pki/index.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { clientFor, startFixture, type SimulatorFixture } from '../helpers/simulator.ts';

let fx: SimulatorFixture;
const closers: (() => void)[] = [];
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  for (const close of closers) close();
  await fx?.sim.close();
});

/** Fifty vaccinations at RSB: the simulated hub lists them 20 per page. */
const fifty = SYNTHETIC_PATIENTS.find((p) => p.key === 'fifty-vaccinations')!;

interface Seen {
  operation: 'list' | 'get';
  page: boolean;
  /** paginationinfo/index of a list request. */
  index?: number;
  /** List calls in flight at the relay when this one arrived (itself included). */
  listsInFlight?: number;
}

type Decide = (seen: Seen) => { delayMs?: number; replace?: { status: number; body: string }; rewrite?: (answer: string) => string };

const PAGE_INDEX = /paginationinfo><(?:\w+:)?index>(\d+)</;

/** A relay to the simulated RSB hub that records every request's kind and may delay, rewrite or replace its answer. */
async function relay(decide: Decide): Promise<{ url: string; seen: Seen[]; maxInFlight: () => number; maxListsInFlight: () => number }> {
  const seen: Seen[] = [];
  let inFlight = 0;
  let peak = 0;
  let lists = 0;
  let listPeak = 0;
  const target = new URL(fx.sim.rsb.url);
  const tls = await createTlsServerCertificate(fx.sim.testing.ca);
  const server = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const action = String(req.headers['soapaction'] ?? '');
      const index = PAGE_INDEX.exec(body)?.[1];
      const s: Seen = { operation: action.includes('GetTransactionList') ? 'list' : 'get', page: body.includes('paginationinfo>'), ...(index !== undefined && { index: Number(index) }) };
      seen.push(s);
      if (s.operation === 'get') peak = Math.max(peak, ++inFlight);
      else listPeak = Math.max(listPeak, (s.listsInFlight = ++lists));
      const { delayMs = 0, replace, rewrite = (t: string) => t } = decide(s);
      const answer = (status: number, text: string) =>
        setTimeout(() => {
          if (s.operation === 'get') inFlight--;
          else lists--;
          res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(rewrite(text));
        }, delayMs);
      if (replace) return answer(replace.status, replace.body);
      const forward = https.request(target, { method: 'POST', ca: fx.sim.caCertPem, headers: { 'content-type': String(req.headers['content-type']), soapaction: action } }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => answer(up.statusCode ?? 500, Buffer.concat(parts).toString('utf8')));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    seen,
    maxInFlight: () => peak,
    maxListsInFlight: () => listPeak,
  };
}

function rsbThrough(url: string, maxConcurrency?: number) {
  return clientFor(fx.sim, {
    endpoints: { rsb: { url, caPem: fx.sim.caCertPem } },
    ...(maxConcurrency !== undefined && { maxConcurrency }),
  });
}

const MALFORMED = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><broken';

describe('paged list and transactions together', () => {
  it('fetches the first page\'s transactions while the next pages are asked for, and returns all fifty in list order', async () => {
    // Later pages are slow: with the list read in full first, no GetTransaction could come before the last page.
    const r = await relay((s) => (s.operation === 'list' && s.page ? { delayMs: 150 } : {}));
    const client = rsbThrough(r.url, 8);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      const direct = clientFor(fx.sim);
      const reference = await direct.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      direct.close();
      expect(answer.rsb?.status).toBe('ok');
      if (answer.rsb?.status !== 'ok' || reference.rsb?.status !== 'ok') return;
      expect(answer.rsb.transactions).toHaveLength(50);
      expect(answer.rsb.transactions.map((t) => t.id)).toEqual(reference.rsb.transactions.map((t) => t.id));
      const lastList = r.seen.map((s) => s.operation).lastIndexOf('list');
      const firstGet = r.seen.findIndex((s) => s.operation === 'get');
      expect(r.seen.filter((s) => s.operation === 'list')).toHaveLength(3);
      expect(firstGet).toBeGreaterThanOrEqual(0);
      expect(firstGet).toBeLessThan(lastList);
      expect(r.maxInFlight()).toBeLessThanOrEqual(8);
    } finally {
      client.close();
    }
  });

  it('a list page that fails wins over a transaction that failed before it', async () => {
    // Every GetTransaction fails at once; the second page fails later.
    const r = await relay((s) =>
      s.operation === 'get' ? { replace: { status: 503, body: 'busy' } } : s.page ? { delayMs: 200, replace: { status: 200, body: MALFORMED } } : {},
    );
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'malformed-response' } });
      expect((answer.rsb as { error: { message: string } }).error.message).toMatch(/^GetTransactionList/);
    } finally {
      client.close();
    }
  });

  it('a transaction that fails is the answer when the whole list reads', async () => {
    const r = await relay((s) => (s.operation === 'get' ? { replace: { status: 503, body: 'busy' } } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'hub-error' } });
      // The list is still read to its end (as before), and no new transaction is asked for after the failure.
      expect(r.seen.filter((s) => s.operation === 'list')).toHaveLength(3);
      expect(r.seen.filter((s) => s.operation === 'get').length).toBeLessThan(50);
    } finally {
      client.close();
    }
  });
});

/** The fifty's ids in list order, as a client reading the simulator directly gets them. */
async function referenceIds(): Promise<string[]> {
  const direct = clientFor(fx.sim);
  try {
    const reference = await direct.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
    return reference.rsb?.status === 'ok' ? reference.rsb.transactions.map((t) => t.id) : [];
  } finally {
    direct.close();
  }
}

const listIndexes = (seen: readonly Seen[]) => seen.filter((s) => s.operation === 'list').map((s) => s.index);

describe('the later list pages asked for together (the first page gives page size and count)', () => {
  it('asks for pages 20 and 40 at once after the first page, and returns all fifty in list order', async () => {
    const r = await relay((s) => (s.operation === 'list' && s.page ? { delayMs: 150 } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb?.status).toBe('ok');
      if (answer.rsb?.status !== 'ok') return;
      expect(answer.rsb.transactions.map((t) => t.id)).toEqual(await referenceIds());
      // Pages asked for together may reach the relay in either order.
      expect(listIndexes(r.seen)[0]).toBeUndefined();
      expect(listIndexes(r.seen).slice(1).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([20, 40]);
      expect(r.maxListsInFlight()).toBe(2);
    } finally {
      client.close();
    }
  });

  it('keeps list order when the last page answers first', async () => {
    const r = await relay((s) => (s.index === 20 ? { delayMs: 300 } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb?.status).toBe('ok');
      if (answer.rsb?.status !== 'ok') return;
      expect(answer.rsb.transactions.map((t) => t.id)).toEqual(await referenceIds());
    } finally {
      client.close();
    }
  });

  it('answers with the earliest page that failed, even when a later page failed first', async () => {
    const r = await relay((s) =>
      s.index === 20 ? { delayMs: 200, replace: { status: 200, body: MALFORMED } } : s.index === 40 ? { replace: { status: 503, body: 'busy' } } : {},
    );
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'malformed-response' } });
      expect((answer.rsb as { error: { message: string } }).error.message).toMatch(/^GetTransactionList/);
    } finally {
      client.close();
    }
  });

  it('answers with a later page that failed when the earlier ones read', async () => {
    const r = await relay((s) => (s.index === 40 ? { replace: { status: 503, body: 'busy' } } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'hub-error', message: 'the hub answered HTTP 503' } });
    } finally {
      client.close();
    }
  });

  it('reads on when a later page counts more records than the first (the list grew)', async () => {
    // The first page says 30 records: only page 20 is planned; it says 50 and is full, so page 40 follows.
    const r = await relay((s) => (s.operation === 'list' && !s.page ? { rewrite: (t) => t.replace(/(totalrecordcount>)50</, '$130<') } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb?.status).toBe('ok');
      if (answer.rsb?.status !== 'ok') return;
      expect(answer.rsb.transactions.map((t) => t.id)).toEqual(await referenceIds());
      // Pages asked for together may reach the relay in either order.
      expect(listIndexes(r.seen)[0]).toBeUndefined();
      expect(listIndexes(r.seen).slice(1).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([20, 40]);
    } finally {
      client.close();
    }
  });

  it('reads page after page, from the count received, when the first page is not a full page', async () => {
    // The first page says its pages hold 25: its 20 records are not a full page, so nothing is assumed about the others.
    const r = await relay((s) => (s.operation === 'list' ? { delayMs: 50, rewrite: (t) => t.replace(/(pagesize>)20</, '$125<') } : {}));
    const client = rsbThrough(r.url);
    try {
      const answer = await client.consult(fifty.insz, ['rsb'], AbortSignal.timeout(10_000));
      expect(answer.rsb?.status).toBe('ok');
      if (answer.rsb?.status !== 'ok') return;
      expect(answer.rsb.transactions.map((t) => t.id)).toEqual(await referenceIds());
      expect(listIndexes(r.seen)).toEqual([undefined, 20, 40]);
      expect(r.maxListsInFlight()).toBe(1);
    } finally {
      client.close();
    }
  });
});

