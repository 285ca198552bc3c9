/**
 * Hub answers as BYTES, through the companion's real HTTPS transport
 * (httpsExchange: streamed, capped, decoded) and then its SOAP reading, the
 * way consultHub takes them. Generated from hostile GetTransaction answers
 * and damaged at the byte level: BOMs (UTF-8, UTF-16), other encodings
 * (UTF-16, Latin-1), overlong forms, encoded surrogates, code points past
 * U+10FFFF, stray continuation bytes, random bytes, cuts inside a multi-byte
 * character, and multi-byte characters split across network chunks.
 * Well-formed UTF-8 must decode to exactly its text (a leading BOM dropped);
 * anything else must end in the typed `bad-encoding` failure.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsExchange } from '../../../companion/src/hub/transport.ts';
import { createTestCa, createTlsServerCertificate } from '../../../companion/src/pki/index.ts';
import { parseGetTransactionResponse } from '../../../lib/kmehr/hub-response.ts';
import { hubErrorFromOutcome, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { recordFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';
import { BoundaryScore, distinctFailures, type Outcome } from './boundary.ts';
import { messageSpec, secretsOf, writerStyle } from './kmehr-model.ts';
import { envelopeSpec, transactionResponse } from './soap-model.ts';
import { isWellFormedUtf8 } from './utf8-oracle.ts';

const RUNS = byProfile(250, 2_000);

interface Planned {
  bytes: Uint8Array;
  /** Sizes of the writes the server makes (their sum is bytes.length). */
  chunks: number[];
}

let server: https.Server;
let caPem: string;
let url: URL;
const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });
const plans = new Map<string, Planned>();

beforeAll(async () => {
  const ca = await createTestCa('Reliability hub-bytes CA');
  const tls = await createTlsServerCertificate(ca);
  caPem = ca.certificatePem;
  server = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (req, res) => {
    const plan = plans.get(req.url ?? '');
    req.resume();
    if (!plan) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    void (async () => {
      let at = 0;
      for (const size of plan.chunks) {
        res.write(plan.bytes.subarray(at, at + size));
        at += size;
        if (plan.chunks.length > 1) await new Promise((r) => setImmediate(r));
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  recordFigures('hostile-hub-bytes', score.figures);
});

const encoder = new TextEncoder();
const concat = (...parts: ArrayLike<number>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff], 0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = littleEndian ? c & 0xff : c >> 8;
    out[3 + i * 2] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => Math.min(ch.codePointAt(0)!, 0xff)));
}

type ByteAttack = (bytes: Uint8Array, text: string, pick: number) => { family: string; label: string; bytes: Uint8Array };

const BAD_SEQUENCES: Array<[string, number[]]> = [
  ['overlong "/"', [0xc0, 0xaf]],
  ['overlong NUL', [0xc0, 0x80]],
  ['encoded surrogate', [0xed, 0xa0, 0x80]],
  ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['stray continuation', [0x80]],
  ['lone lead byte', [0xe2]],
  ['0xFF', [0xff]],
  ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
];

const attacks: fc.Arbitrary<ByteAttack> = fc.oneof(
  fc.constant<ByteAttack>((bytes) => ({ family: 'utf8-valid', label: 'UTF-8 as sent', bytes })),
  fc.constant<ByteAttack>((bytes) => ({ family: 'utf8-bom', label: 'UTF-8 with a BOM', bytes: concat([0xef, 0xbb, 0xbf], bytes) })),
  fc.constantFrom(true, false).map<ByteAttack>((le) => (_b, text) => ({ family: 'other-encoding', label: `UTF-16${le ? 'LE' : 'BE'} with a BOM`, bytes: utf16(text, le) })),
  fc.constant<ByteAttack>((_b, text) => ({ family: 'other-encoding', label: 'Latin-1', bytes: latin1(text) })),
  fc.constantFrom(...BAD_SEQUENCES).map<ByteAttack>(([label, seq]) => (bytes, _t, pick) => {
    const at = pick % (bytes.length + 1);
    return { family: 'invalid-utf8-bytes', label, bytes: concat(bytes.subarray(0, at), seq, bytes.subarray(at)) };
  }),
  fc.integer({ min: 0, max: 255 }).map<ByteAttack>((value) => (bytes, _t, pick) => {
    const copy = Uint8Array.from(bytes);
    copy[pick % copy.length] = value;
    return { family: 'random-byte', label: `a byte set to 0x${value.toString(16)}`, bytes: copy };
  }),
  fc.constant<ByteAttack>((bytes) => {
    // Cut inside the last multi-byte character (its lead byte stays, its continuation goes).
    let lead = bytes.length - 1;
    while (lead > 0 && !(bytes[lead]! >= 0xc2)) lead--;
    return { family: 'cut-character', label: 'cut inside a multi-byte character', bytes: bytes.subarray(0, lead + 1) };
  }),
);

/** Write sizes: one write, or many small ones (multi-byte characters split across chunks). */
const chunking = fc.oneof(fc.constant<number[] | 'one'>('one'), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 8, maxLength: 40 }));

function chunksFor(length: number, sizes: number[] | 'one'): number[] {
  if (sizes === 'one' || length === 0) return [length];
  const out: number[] = [];
  let left = length;
  for (let i = 0; left > 0; i++) {
    const size = Math.min(left, sizes[i % sizes.length]!);
    out.push(size);
    left -= size;
  }
  return out;
}

const score = new BoundaryScore('hub-bytes');

describe('hub answer bytes through the companion transport (fixed seed)', () => {
  it(`${RUNS} answers: exact text for well-formed UTF-8, a typed bad-encoding failure otherwise`, { timeout: 300_000 }, async () => {
    let caseNo = 0;
    const answer = fc
      .record({ spec: messageSpec, style: writerStyle, seed: fc.integer(), attack: attacks, pick: fc.nat(), sizes: chunking })
      .chain((a) => envelopeSpec(a.spec.folders[0]!.insz).map((env) => ({ ...a, env })));
    await fc.assert(
      fc.asyncProperty(answer, async ({ spec, style, seed, attack, pick, sizes, env }) => {
        // Non-ASCII in the answer, so that other encodings differ from UTF-8.
        const text = transactionResponse(spec, env, style, seed).text.replace('<ns2:date>', '<!-- Réseau Santé Wallon — ✓ 𝄞 --><ns2:date>');
        const attacked = attack(encoder.encode(text), text, pick);
        const path = `/case/${caseNo++}`;
        plans.set(path, { bytes: attacked.bytes, chunks: chunksFor(attacked.bytes.length, sizes) });
        const wellFormed = isWellFormedUtf8(attacked.bytes);
        const expectedText = wellFormed ? Buffer.from(attacked.bytes).toString('utf8').replace(/^\uFEFF/, '') : undefined;
        let body: string | undefined;
        await score.judge(
          { family: attacked.family, label: `${attacked.label}${sizes === 'one' ? '' : ', in small chunks'}`, size: attacked.bytes.length, secrets: secretsOf(spec) },
          async (): Promise<Outcome> => {
            const got = await httpsExchange({ url: new URL(path, url), method: 'POST', body: '<x/>', caPem, agent, signal: AbortSignal.timeout(10_000), maxResponseBytes: 4_000_000 });
            if (!got.ok) return { ok: false, code: got.failure.kind, reason: got.failure.message };
            body = got.body;
            const read = parseGetTransactionResponse(got.body, { hub: 'rsw' });
            return read.ok ? { ok: true, value: read.value } : { ok: false, code: `parse:${read.error.code}`, reason: read.error.reason };
          },
          (outcome) => {
            if (!wellFormed) {
              if (outcome.ok || outcome.code !== 'bad-encoding') return { problem: `not UTF-8, yet ${outcome.ok ? 'read' : outcome.code}` };
              return {};
            }
            if (!outcome.ok && !outcome.code.startsWith('parse:')) return { problem: `well-formed UTF-8 refused by the transport (${outcome.code}: ${outcome.reason})` };
            if (body !== expectedText) return { problem: 'the decoded text differs from the bytes sent' };
            return {};
          },
          (outcome) => {
            if (!outcome.ok) return [outcome.reason];
            const o = (outcome.value as { outcome: HubOutcome }).outcome;
            return o.kind === 'error' ? [hubErrorFromOutcome(o).message, o.upstreamCode ?? ''] : [];
          },
        );
        plans.delete(path);
      }),
      { seed: RELIABILITY_SEED, numRuns: RUNS },
    );
    expect(distinctFailures(score.failures)).toEqual([]);
    const f = score.figures;
    expect(f.crashes + f.pollutions + f.leaks + f.wrong).toBe(0);
    for (const family of ['utf8-valid', 'utf8-bom', 'other-encoding', 'invalid-utf8-bytes', 'random-byte', 'cut-character']) {
      expect(f.families[family]?.tried ?? 0, family).toBeGreaterThan(0);
    }
  });
});
