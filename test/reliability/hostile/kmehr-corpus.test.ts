/**
 * The hostile KMEHR corpus (fast-check, fixed seed) against the extension's
 * boundary: parseKmehrMessage, then the history the panel shows
 * (buildHistory: parse per transaction + merge). Every generated message has
 * hostile content (impossible, malformed, missing and future dates, empty and
 * whitespace values, garbage CNKs, duplicated transaction ids, a transaction
 * code quoting the patient, `__proto__` & co. as element and attribute names,
 * every namespace style, character references, CDATA), and one document-level
 * attack on top (DOCTYPE tricks, bad references, size and depth past the caps,
 * truncation, BOMs, forbidden characters, invalid UTF-8, a foreign root).
 * Each must end in the oracle's records or in the expected typed error.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHistory } from '../../../lib/background/history-builder.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import { DEFAULT_XML_LIMITS } from '../../../lib/xml/parse.ts';
import { MergedHistory } from '../../../lib/vaccination.ts';
import { recordFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';
import { BoundaryScore, distinctFailures, type Outcome } from './boundary.ts';
import { expectedRecords, messageSpec, observedRecords, renderMessage, secretsOf, TODAY, writerStyle, type MessageSpec } from './kmehr-model.ts';
import * as m from './mutations.ts';

const RUNS = byProfile(600, 6_000);

const mutation = (secrets: (doc: m.Rendered) => string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: m.none },
    { weight: 2, arbitrary: m.doctype },
    { weight: 1, arbitrary: m.entityDeclaration },
    { weight: 2, arbitrary: m.badReference },
    { weight: 1, arbitrary: m.oversize(DEFAULT_XML_LIMITS.maxBytes) },
    { weight: 1, arbitrary: m.deep },
    { weight: 1, arbitrary: m.deepUnclosed },
    { weight: 1, arbitrary: m.tooManyElements },
    { weight: 3, arbitrary: m.truncated },
    { weight: 2, arbitrary: m.byteOrderMark },
    { weight: 2, arbitrary: m.forbiddenCharacter },
    { weight: 2, arbitrary: m.invalidUtf8 },
    { weight: 1, arbitrary: m.wrongRoot(secrets) },
    { weight: 2, arbitrary: m.garbledAroundPatient(secrets) },
  );

interface KmehrDocument {
  spec: MessageSpec;
  rendered: m.Rendered;
}

const kmehrDocument: fc.Arbitrary<KmehrDocument> = fc
  .record({ spec: messageSpec, style: writerStyle, seed: fc.integer(), xmlDeclaration: fc.boolean() })
  .map(({ spec, style, seed, xmlDeclaration }) => {
    const prefix = xmlDeclaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
    const root = renderMessage(spec, style, seed);
    return { spec, rendered: { text: `${prefix}${root}\n`, rootStart: prefix.length, rootEnd: prefix.length + root.length } };
  });

/** Every text the parser returns that a person could read: error reasons and warnings. */
function textsOf(outcome: Outcome): string[] {
  if (!outcome.ok) return [outcome.reason];
  const value = outcome.value as ReturnType<typeof parseKmehrMessage> & { ok: true };
  return value.value.warnings.map((w) => w.reason);
}

function checkHistory(spec: MessageSpec, text: string): string | undefined {
  const insz = spec.folders[0]!.insz;
  const built = buildHistory({
    insz,
    response: { hubs: { rsw: { status: 'ok', transactions: [{ id: 'tx-1', kmehr: text }], durationMs: 1 }, rsb: { status: 'ok', transactions: [{ id: 'tx-1', kmehr: text }], durationMs: 1 } } },
    own: [],
    identity: { pharmacyNumber: '80000551', pharmacistRizivs: ['20807092001'] },
    seasonWindow: { startMonth: 9, startDay: 1 },
    today: TODAY,
  });
  const h = built.history;
  if (!MergedHistory.safeParse(h).success) return 'the merged history is outside its schema';
  const lines = [...h.flu, ...h.covid, ...h.other];
  if (new Set(lines.map((l) => l.key)).size !== lines.length) return 'two history lines share a key';
  if (h.summary.lastCovidDate !== undefined && h.summary.lastCovidDate > TODAY) return 'a future covid dose counts as the last dose';
  if (h.summary.daysSinceLastCovid !== undefined && h.summary.daysSinceLastCovid < 0) return 'a negative covid interval';
  const given = h.flu.filter((l) => l.date <= TODAY);
  if (h.summary.fluThisSeason && given.length === 0) return 'a future flu dose counts as given this season';
  return undefined;
}

const score = new BoundaryScore('kmehr');

afterAll(() => recordFigures('hostile-kmehr', score.figures));

describe('hostile KMEHR corpus (fixed seed)', () => {
  it(`${RUNS} generated messages: the oracle's records or the expected typed error, no throw, no pollution, no leak`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        kmehrDocument.chain((doc) => mutation((d) => secretsOf(doc.spec)).map((mutate) => ({ doc, mutated: mutate(doc.rendered) }))),
        async ({ doc, mutated }) => {
          const expected = expectedRecords(doc.spec);
          await score.judge(
            { family: mutated.family, label: mutated.label, size: mutated.text.length, secrets: secretsOf(doc.spec) },
            () => {
              const parsed = parseKmehrMessage(mutated.text, mutated.limits ? { limits: mutated.limits } : {});
              return parsed.ok ? { ok: true, value: parsed } : { ok: false, code: parsed.error.code, reason: parsed.error.reason };
            },
            (outcome) => {
              if (mutated.expect.kind === 'error') {
                if (outcome.ok) return { problem: `accepted, expected ${mutated.expect.codes.join('|')}` };
                return mutated.expect.codes.includes(outcome.code) ? {} : { problem: `error ${outcome.code}, expected ${mutated.expect.codes.join('|')}` };
              }
              if (!outcome.ok) return { problem: `refused (${outcome.code}: ${outcome.reason}), expected the records` };
              const value = (outcome.value as ReturnType<typeof parseKmehrMessage> & { ok: true }).value;
              const seen = observedRecords(value.records);
              if (JSON.stringify(seen) !== JSON.stringify(expected.records)) {
                return { problem: `records ${JSON.stringify(seen).slice(0, 300)} expected ${JSON.stringify(expected.records).slice(0, 300)}` };
              }
              const dropped = value.warnings.filter((w) => w.dropped && w.code.startsWith('item-')).length;
              const skipped = value.warnings.filter((w) => w.code === 'non-vaccination-transaction').length;
              if (dropped !== expected.droppedItems || skipped !== expected.skippedTransactions) {
                return { problem: `${dropped} dropped / ${skipped} skipped warnings, expected ${expected.droppedItems} / ${expected.skippedTransactions}` };
              }
              const history = mutated.limits ? undefined : checkHistory(doc.spec, mutated.text);
              return history ? { problem: history } : {};
            },
            textsOf,
          );
        },
      ),
      { seed: RELIABILITY_SEED, numRuns: RUNS },
    );
    expect(distinctFailures(score.failures)).toEqual([]);
    const f = score.figures;
    expect(f.crashes + f.pollutions + f.leaks + f.wrong).toBe(0);
    expect(f.inputs).toBe(f.correct + f.rejected);
    // Every family was generated (the weights and the seed give each one runs).
    for (const family of ['well-formed', 'doctype', 'entity-refs', 'oversize', 'deep', 'too-many-elements', 'truncated', 'bom', 'bad-chars', 'invalid-utf8', 'not-kmehr', 'garbled']) {
      expect(f.families[family]?.tried ?? 0, family).toBeGreaterThan(0);
    }
    // Linear parsing: no input of at most a few megabytes takes pathological time.
    expect(f.slowestMs).toBeLessThan(10_000);
  });
});
