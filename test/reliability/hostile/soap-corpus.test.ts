/**
 * The hostile SOAP corpus (fast-check, fixed seed) against the companion's
 * reading of hub answers: parseGetTransactionResponse (with the kmehrmessage
 * extracted verbatim for the extension) and parseGetTransactionListResponse,
 * on the hostile KMEHR messages of kmehr-model.ts wrapped in every envelope
 * shape (soap-model.ts), plus SOAP faults, with the same document-level
 * attacks on top. Every answer must read as the generator says: the outcome,
 * the records and listed ids, or the expected typed error; and the extracted
 * message must stand on its own (same records, every prefix it uses declared).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hubErrorFromOutcome, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { DEFAULT_SOAP_MAX_BYTES, parseGetTransactionListResponse, parseGetTransactionResponse } from '../../../lib/kmehr/hub-response.ts';
import { parseKmehrMessage, type KmehrParseResult } from '../../../lib/kmehr/parse.ts';
import { recordFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';
import { BoundaryScore, distinctFailures, type Outcome, type Verdict } from './boundary.ts';
import { messageSpec, observedRecords, secretsOf, writerStyle, type Expected } from './kmehr-model.ts';
import * as m from './mutations.ts';
import { envelopeSpec, expectedList, expectedTransaction, FAULT_OUTCOME, faultResponse, faultSpec, listResponse, transactionResponse } from './soap-model.ts';

const RUNS = byProfile(600, 6_000);
const FAULT_RUNS = byProfile(100, 1_000);

const mutation = (secrets: (doc: m.Rendered) => string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: m.none },
    { weight: 2, arbitrary: m.doctype },
    { weight: 1, arbitrary: m.entityDeclaration },
    { weight: 2, arbitrary: m.badReference },
    { weight: 1, arbitrary: m.oversize(DEFAULT_SOAP_MAX_BYTES) },
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

type Read = ReturnType<typeof parseGetTransactionResponse> | ReturnType<typeof parseGetTransactionListResponse>;

function outcomeOf(read: Read): Outcome {
  return read.ok ? { ok: true, value: read.value } : { ok: false, code: read.error.code, reason: read.error.reason };
}

/** Every text of an answer a person or a log could see. */
function textsOf(outcome: Outcome): string[] {
  if (!outcome.ok) return [outcome.reason];
  const value = outcome.value as { outcome: HubOutcome; kmehr?: KmehrParseResult };
  const texts: string[] = [];
  if (value.outcome.kind === 'error') {
    const error = hubErrorFromOutcome(value.outcome);
    texts.push(error.message, error.upstreamCode ?? '');
  }
  for (const w of value.kmehr?.warnings ?? []) texts.push(w.reason);
  return texts;
}

function outcomeName(o: HubOutcome): string {
  return o.kind === 'error' ? o.code : o.kind;
}

function sameRecords(kmehr: KmehrParseResult, expected: Expected): string | undefined {
  const seen = JSON.stringify(observedRecords(kmehr.records));
  return seen === JSON.stringify(expected.records) ? undefined : `records ${seen.slice(0, 200)} expected ${JSON.stringify(expected.records).slice(0, 200)}`;
}

/** Prefixes used by element and attribute names in `xml` that no xmlns:prefix in it declares. */
function undeclaredPrefixes(xml: string): string[] {
  const used = new Set([...xml.matchAll(/<\/?([A-Za-z_][\w.-]*):[A-Za-z_]/g)].map((x) => x[1]!));
  const declared = new Set([...xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=/g)].map((x) => x[1]!));
  used.delete('xml');
  return [...used].filter((p) => !declared.has(p));
}

const score = new BoundaryScore('soap');
afterAll(() => recordFigures('hostile-soap', score.figures));

describe('hostile SOAP corpus (fixed seed)', () => {
  it(`${RUNS} GetTransaction and GetTransactionList answers: outcome, records and ids, or the expected typed error`, { timeout: 600_000 }, async () => {
    const answer = fc
      .record({ spec: messageSpec, style: writerStyle, seed: fc.integer(), operation: fc.constantFrom('GetTransaction', 'GetTransactionList') })
      .chain((a) => envelopeSpec(a.spec.folders[0]!.insz).map((env) => ({ ...a, env })))
      .chain((a) => mutation(() => secretsOf(a.spec)).map((mutate) => ({ ...a, mutate })));

    await fc.assert(
      fc.asyncProperty(answer, async ({ spec, style, seed, operation, env, mutate }) => {
        const isList = operation === 'GetTransactionList';
        const doc = isList ? listResponse(spec, env) : transactionResponse(spec, env, style, seed);
        const mutated = mutate(doc);
        const expectation = mutated.expect.kind === 'error' ? mutated.expect : isList ? expectedList(spec, env) : expectedTransaction(spec, env);
        await score.judge(
          { family: mutated.family, label: `${operation}: ${mutated.label} (${env.shape}, ack ${env.ack.kind})`, size: mutated.text.length, secrets: secretsOf(spec) },
          () => outcomeOf(isList ? parseGetTransactionListResponse(mutated.text, { hub: 'rsw', limits: mutated.limits }) : parseGetTransactionResponse(mutated.text, { hub: 'rsw', limits: mutated.limits })),
          (outcome): Verdict => {
            if (expectation.kind === 'error') {
              if (outcome.ok) return { problem: `read as ${outcomeName((outcome.value as { outcome: HubOutcome }).outcome)}, expected ${expectation.codes.join('|')}` };
              return expectation.codes.includes(outcome.code) ? {} : { problem: `error ${outcome.code} (${outcome.reason}), expected ${expectation.codes.join('|')}` };
            }
            if (!outcome.ok) return { problem: `refused (${outcome.code}: ${outcome.reason}), expected ${expectation.outcome}` };
            const value = outcome.value as { outcome: HubOutcome; kmehr?: KmehrParseResult; kmehrXml?: string; transactions?: Array<{ ids: Array<{ s: string; sl?: string; value: string }> }> };
            if (outcomeName(value.outcome) !== expectation.outcome) return { problem: `outcome ${outcomeName(value.outcome)}, expected ${expectation.outcome}` };
            if ('ids' in expectation) {
              const ids = (value.transactions ?? []).map((t) => t.ids.map((i) => `${i.s}|${i.sl ?? ''}|${i.value}`));
              return JSON.stringify(ids) === JSON.stringify(expectation.ids) ? {} : { problem: `listed ${JSON.stringify(ids).slice(0, 200)}, expected ${JSON.stringify(expectation.ids).slice(0, 200)}` };
            }
            if (expectation.records === undefined) return value.kmehr === undefined ? {} : { problem: 'a message where there is none' };
            if (!value.kmehr || value.kmehrXml === undefined) return { problem: 'the kmehrmessage was not read' };
            const direct = sameRecords(value.kmehr, expectation.records);
            if (direct) return { problem: direct };
            // The extracted text is what the extension parses: it must give the same records on its own.
            const alone = parseKmehrMessage(value.kmehrXml, { hub: 'rsw' });
            if (!alone.ok) return { problem: `the extracted kmehrmessage does not parse on its own (${alone.error.code}: ${alone.error.reason})` };
            const again = sameRecords(alone.value, expectation.records);
            if (again) return { problem: `extracted: ${again}` };
            const missing = undeclaredPrefixes(value.kmehrXml);
            if (missing.length > 0 && style.ns !== 'undeclared-prefix') return { problem: `the extracted kmehrmessage uses undeclared prefixes ${missing.join(', ')}` };
            return {};
          },
          textsOf,
        );
      }),
      { seed: RELIABILITY_SEED, numRuns: RUNS },
    );
    expect(distinctFailures(score.failures)).toEqual([]);
  });

  it(`${FAULT_RUNS} SOAP 1.1 and 1.2 faults: a typed hub error, the patient never quoted`, { timeout: 120_000 }, async () => {
    const insz = fc.constantFrom('85073003328', '17073003384', '98472899765');
    await fc.assert(
      fc.asyncProperty(faultSpec, insz, fc.constantFrom('soapenv', 'S', 'env', '' as const), fc.constantFrom('GetTransaction', 'GetTransactionList'), async (fault, patient, prefix, operation) => {
        const doc = faultResponse(fault, patient, prefix);
        await score.judge(
          { family: 'soap-fault', label: `SOAP ${fault.version} fault ${fault.code} on ${operation}`, size: doc.text.length, secrets: [patient, `${patient.slice(0, 6)} ${patient.slice(6)}`] },
          () => outcomeOf(operation === 'GetTransaction' ? parseGetTransactionResponse(doc.text, { hub: 'rsw' }) : parseGetTransactionListResponse(doc.text, { hub: 'rsw' })),
          (outcome): Verdict => {
            if (!outcome.ok) return { problem: `refused (${outcome.code}: ${outcome.reason}), expected a fault outcome` };
            const o = (outcome.value as { outcome: HubOutcome }).outcome;
            return outcomeName(o) === FAULT_OUTCOME[fault.code] ? {} : { problem: `outcome ${outcomeName(o)}, expected ${FAULT_OUTCOME[fault.code]}` };
          },
          textsOf,
        );
      }),
      { seed: RELIABILITY_SEED, numRuns: FAULT_RUNS },
    );
    expect(distinctFailures(score.failures)).toEqual([]);
    const f = score.figures;
    expect(f.crashes + f.pollutions + f.leaks + f.wrong).toBe(0);
    expect(f.slowestMs).toBeLessThan(10_000);
  });
});
