/**
 * The request log: one JSON line per request, hub outcomes and a keyed
 * patient reference, and never an INSZ (in any notation) or the secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatInsz } from '../../../lib/identifiers/insz.ts';
import { createJsonLogger, patientRefFor, redactIdentifiers } from '../../src/server/log.ts';
import { TEST_SECRET, VALID_INSZ, consultRequest, rawRequest, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
afterEach(async () => {
  await s?.close();
});

/** A few hundred valid INSZ numbers (1900s and 2000s births, BIS too), derived by the checksum rule. */
function manyInsz(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const yy = String(i % 100).padStart(2, '0');
    const mm = String((i % 12) + 1 + (i % 5 === 0 ? 40 : 0)).padStart(2, '0');
    const dd = String((i % 28) + 1).padStart(2, '0');
    const seq = String((i * 37) % 998 + 1).padStart(3, '0');
    const base = `${yy}${mm}${dd}${seq}`;
    const born2000 = Number(yy) < 20;
    const check = 97 - (Number(born2000 ? `2${base}` : base) % 97);
    out.push(`${base}${String(check).padStart(2, '0')}`);
  }
  return out;
}

describe('request log', () => {
  it('never contains an INSZ, formatted or not, nor the secret, over a varied run', async () => {
    s = await startTestServer();
    const patients = [...VALID_INSZ, ...manyInsz(150)];
    let n = 0;
    s.upstream.behaviour = async ({ hubs }) => {
      n += 1;
      return Object.fromEntries(
        hubs.map((h) => [
          h,
          n % 3 === 0
            ? { status: 'error', error: { code: 'no-relation', message: 'no therapeutic relation', upstreamCode: '360' }, durationMs: 2 }
            : { status: 'ok', transactions: [{ id: 'x', kmehr: '<kmehrmessage/>' }], durationMs: 2 },
        ]),
      );
    };
    for (const insz of patients) {
      expect((await consultRequest(s.port, { insz })).status).toBe(200);
    }
    // Invalid and formatted numbers, a wrong secret, a bad path carrying a number.
    for (const insz of patients.slice(0, 20)) {
      await consultRequest(s.port, { insz: formatInsz(insz) });
      await consultRequest(s.port, { insz: `${insz.slice(0, 10)}${(Number(insz[10]) + 1) % 10}` });
      await consultRequest(s.port, `{"insz": "${insz}"`);
      await consultRequest(s.port, { insz }, { 'X-Companion-Secret': `${TEST_SECRET}${insz}` });
      await rawRequest({ port: s.port, path: `/v1/consult/${insz}` });
      await rawRequest({ port: s.port, path: `/v1/health?insz=${insz}` });
    }

    const text = s.logText();
    expect(text.length).toBeGreaterThan(0);
    for (const insz of patients) {
      expect(text).not.toContain(insz);
      expect(text).not.toContain(formatInsz(insz));
      expect(text).not.toContain(insz.slice(0, 9)); // not even the birth date + sequence
    }
    expect(text).not.toContain(TEST_SECRET);
    // Hex patient references may hold digit runs by chance: look past them.
    const withoutRefs = text.replace(/"patientRef":"[0-9a-f]{16}"/g, '');
    expect(withoutRefs).not.toMatch(/\d{11}/);
    expect(withoutRefs).not.toMatch(/\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}/);
  });

  it('writes one JSON line per request with op, status, duration, hub outcomes and a patient reference', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async () => ({
      rsw: { status: 'ok', transactions: [{ id: 'a', kmehr: '' }, { id: 'b', kmehr: '' }], durationMs: 7.4 },
      rsb: { status: 'error', error: { code: 'no-consent', message: 'm', upstreamCode: '365' }, durationMs: 3 },
    });
    await consultRequest(s.port, { insz: VALID_INSZ[0] });
    await consultRequest(s.port, { insz: VALID_INSZ[0] });
    await consultRequest(s.port, { insz: VALID_INSZ[1] });
    await rawRequest({ port: s.port });
    await rawRequest({ port: s.port, host: 'evil.example' });

    const lines = s.logLines();
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).toMatchObject({ kind: 'request', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), durationMs: expect.any(Number) });
    }
    expect(lines[0]).toMatchObject({
      op: 'consult',
      method: 'POST',
      status: 200,
      hubs: { rsw: { outcome: 'ok', transactions: 2, durationMs: 7 }, rsb: { outcome: 'no-consent', upstreamCode: '365' } },
      patientRef: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(lines[1]!.patientRef).toBe(lines[0]!.patientRef);
    expect(lines[2]!.patientRef).not.toBe(lines[0]!.patientRef);
    expect(lines[3]).toMatchObject({ op: 'health', status: 200 });
    expect(lines[3]).not.toHaveProperty('patientRef');
    expect(lines[4]).toMatchObject({ op: 'unknown', status: 403, error: 'forbidden' });
  });

  it('logs a timed-out request as 504 with its patient reference', async () => {
    s = await startTestServer({ requestTimeoutMs: 150 });
    s.upstream.behaviour = () => new Promise(() => {});
    await consultRequest(s.port, { insz: VALID_INSZ[2] });
    expect(s.logLines()[0]).toMatchObject({ op: 'consult', status: 504, error: 'timeout', patientRef: expect.any(String) });
  });
});

describe('patientRef and redaction', () => {
  it('depends on the per-install key', () => {
    const a = patientRefFor(Buffer.alloc(32, 1), VALID_INSZ[0]);
    const b = patientRefFor(Buffer.alloc(32, 2), VALID_INSZ[0]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });

  it('redacts INSZ-shaped text in event fields', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (l) => lines.push(l), patientRefKey: Buffer.alloc(32) });
    logger.event('x', { note: 'for 85.07.30-033.28 and 85073003328 and 85 07 30 033 28', list: ['17073003384'] });
    expect(lines.join('')).not.toContain('85.07.30');
    expect(lines.join('')).not.toContain('85 07 30');
    expect(lines.join('')).not.toContain('85073003328');
    expect(lines.join('')).not.toContain('17073003384');
    expect(redactIdentifiers('port 47615, 12 items')).toBe('port 47615, 12 items');
  });
});
