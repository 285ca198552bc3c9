/**
 * The hostile corpus against the companion's other SOAP readers: the hubs'
 * PutTransaction and RevokeTransaction answers and Vaccinnet's
 * AddVaccinations and RemoveVaccination answers (registration). Generated
 * answers (every envelope shape, acknowledges and statuses quoting the
 * patient, faults) with the document-level attacks on top; each must read as
 * generated (outcome, ids, statuses) or end in a typed refusal with a reason,
 * never quoting the patient.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HUB_NS } from '../../../companion/src/hub/constants.ts';
import { parsePutTransactionResponse, parseRevokeTransactionResponse } from '../../../companion/src/hub/registration-response.ts';
import { parseAddVaccinationsResponse, parseRemoveVaccinationResponse } from '../../../companion/src/vaccinnet/response.ts';
import { hubErrorFromOutcome, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { DEFAULT_SOAP_MAX_BYTES } from '../../../lib/kmehr/hub-response.ts';
import { recordFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';
import { BoundaryScore, distinctFailures, type Outcome, type Verdict } from './boundary.ts';
import { PATIENTS } from './kmehr-model.ts';
import * as m from './mutations.ts';
import { ackSpec, type AckSpec } from './soap-model.ts';
import { escapeText } from './xml-writer.ts';

const RUNS = byProfile(400, 4_000);

type Operation = 'PutTransaction' | 'RevokeTransaction' | 'AddVaccinations' | 'RemoveVaccination';

interface VaccinnetStatusSpec {
  code: string;
  message: string;
}

interface AnswerSpec {
  operation: Operation;
  insz: string;
  prefix: 'soapenv' | 'S' | '';
  ack: AckSpec;
  transactionIds: string[];
  status: VaccinnetStatusSpec | undefined;
  results: Array<{ kmehrId: string; status: VaccinnetStatusSpec }>;
  fault: boolean;
}

const statusSpec = (insz: string) =>
  fc.constantFrom<VaccinnetStatusSpec>(
    { code: '200', message: 'OK' },
    { code: 'E-401', message: `Patient ${insz} not allowed` },
    { code: insz, message: `${insz.slice(0, 6)}-${insz.slice(6)} refused` },
  );

const answerSpec: fc.Arbitrary<AnswerSpec> = fc
  .record({ operation: fc.constantFrom<Operation>('PutTransaction', 'RevokeTransaction', 'AddVaccinations', 'RemoveVaccination'), insz: fc.constantFrom(...PATIENTS) })
  .chain(({ operation, insz }) =>
    fc.record({
      operation: fc.constant(operation),
      insz: fc.constant(insz),
      prefix: fc.constantFrom('soapenv', 'S', ''),
      ack: ackSpec(insz),
      transactionIds: fc.array(fc.stringMatching(/^TX-[0-9]{6}$/), { maxLength: 2 }),
      status: fc.option(statusSpec(insz), { nil: undefined, freq: 6 }),
      results: fc.array(fc.record({ kmehrId: fc.stringMatching(/^[0-9]{4}\.[0-9]{3}$/), status: statusSpec(insz) }), { maxLength: 3 }),
      fault: fc.boolean(),
    }),
  );

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const VACCINNET_NS = 'urn:be:vaccinnet:reliability';

function render(a: AnswerSpec): m.Rendered {
  const p = a.prefix ? `${a.prefix}:` : '';
  let payload: string;
  if (a.fault) {
    payload = `<${p}Fault><faultcode>${p}Server</faultcode><faultstring>${escapeText(`failure for patient ${a.insz}`)}</faultstring></${p}Fault>`;
  } else if (a.operation === 'PutTransaction' || a.operation === 'RevokeTransaction') {
    const ack =
      a.ack.kind === 'missing'
        ? ''
        : a.ack.kind === 'garbage-complete'
          ? '<ns2:acknowledge><ns2:iscomplete>maybe</ns2:iscomplete></ns2:acknowledge>'
          : a.ack.kind === 'ok'
            ? `<ns2:acknowledge><ns2:iscomplete>${a.ack.complete}</ns2:iscomplete></ns2:acknowledge>`
            : `<ns2:acknowledge><ns2:iscomplete>true</ns2:iscomplete><ns2:error><cd S="CD-ERROR" SV="1.0">${escapeText(a.ack.code)}</cd><description>${escapeText(a.ack.description)}</description></ns2:error></ns2:acknowledge>`;
    const ids = a.operation === 'PutTransaction' ? a.transactionIds.map((id) => `<ns2:transaction><id S="LOCAL" SL="RSWID" SV="1.0">${id}</id></ns2:transaction>`).join('') : '';
    payload = `<ns3:${a.operation}Response xmlns:ns3="${HUB_NS.protocol}" xmlns:ns2="${HUB_NS.core}" xmlns="${HUB_NS.kmehr}"><ns2:response><ns2:id S="ID-KMEHR" SV="1.0">1</ns2:id></ns2:response>${ack}${ids}</ns3:${a.operation}Response>`;
  } else {
    const status = (s: VaccinnetStatusSpec) => `<msg:Status><msg:Code>${escapeText(s.code)}</msg:Code><msg:Message>${escapeText(s.message)}</msg:Message></msg:Status>`;
    payload = `<msg:${a.operation}Response xmlns:msg="${VACCINNET_NS}">${a.status ? status(a.status) : ''}${a.results
      .map((r) => `<msg:Results><msg:KmehrId>${r.kmehrId}</msg:KmehrId>${status(r.status)}<msg:VaccinationId Source="vaccinnet">V-${r.kmehrId}</msg:VaccinationId></msg:Results>`)
      .join('')}</msg:${a.operation}Response>`;
  }
  const root = `<${p}Envelope ${a.prefix ? `xmlns:${a.prefix}` : 'xmlns'}="${SOAP11}"><${p}Body>${payload}</${p}Body></${p}Envelope>`;
  return { text: root, rootStart: 0, rootEnd: root.length };
}

type Expectation = { kind: 'error'; codes: readonly string[] } | { kind: 'read'; check: (value: unknown) => string | undefined };

function expected(a: AnswerSpec): Expectation {
  const hub = a.operation === 'PutTransaction' || a.operation === 'RevokeTransaction';
  if (a.fault) {
    return {
      kind: 'read',
      check: (v) => {
        const outcome = hub ? (v as { outcome: HubOutcome }).outcome : (v as { kind: string; outcome?: HubOutcome }).outcome;
        return outcome?.kind === 'error' ? undefined : 'a fault not read as an error';
      },
    };
  }
  if (hub) {
    if (a.ack.kind === 'missing' || a.ack.kind === 'garbage-complete') return { kind: 'error', codes: ['refused'] };
    const want = a.ack.kind === 'ok' ? 'ok' : a.ack.outcome;
    return {
      kind: 'read',
      check: (v) => {
        const value = v as { outcome: HubOutcome; transactionIds: Array<{ value: string }> };
        const got = value.outcome.kind === 'error' ? value.outcome.code : value.outcome.kind;
        if (got !== want) return `outcome ${got}, expected ${want}`;
        const ids = value.transactionIds.map((i) => i.value);
        const wantIds = a.operation === 'PutTransaction' ? a.transactionIds : [];
        return JSON.stringify(ids) === JSON.stringify(wantIds) ? undefined : `ids ${ids.join(',')}, expected ${wantIds.join(',')}`;
      },
    };
  }
  if (!a.status) return { kind: 'error', codes: ['refused'] };
  return {
    kind: 'read',
    check: (v) => {
      const value = v as { kind: string; results?: unknown[] };
      if (value.kind !== 'status') return `read as ${value.kind}`;
      return value.results?.length === a.results.length ? undefined : `${value.results?.length} results, expected ${a.results.length}`;
    },
  };
}

function readAnswer(a: AnswerSpec, text: string, maxBytes: number): Outcome {
  const r =
    a.operation === 'PutTransaction'
      ? parsePutTransactionResponse(text, 'rsw', maxBytes)
      : a.operation === 'RevokeTransaction'
        ? parseRevokeTransactionResponse(text, 'rsw', maxBytes)
        : a.operation === 'AddVaccinations'
          ? parseAddVaccinationsResponse(text, maxBytes)
          : parseRemoveVaccinationResponse(text, maxBytes);
  return r.ok ? { ok: true, value: r.value } : { ok: false, code: 'refused', reason: r.reason };
}

/** Every text a log or a person could see: the refusal, the outcome's words, Vaccinnet's statuses. */
function textsOf(outcome: Outcome): string[] {
  if (!outcome.ok) return [outcome.reason];
  const v = outcome.value as { outcome?: HubOutcome; status?: { code: string; message: string }; results?: Array<{ status?: { code: string; message: string } }> };
  const texts: string[] = [];
  if (v.outcome?.kind === 'error') texts.push(hubErrorFromOutcome(v.outcome).message, v.outcome.upstreamCode ?? '');
  if (v.status) texts.push(v.status.code, v.status.message);
  for (const r of v.results ?? []) if (r.status) texts.push(r.status.code, r.status.message);
  return texts;
}

const mutation = (secrets: (doc: m.Rendered) => string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: m.none },
    { weight: 2, arbitrary: m.doctype },
    { weight: 2, arbitrary: m.badReference },
    { weight: 1, arbitrary: m.oversize(DEFAULT_SOAP_MAX_BYTES) },
    { weight: 1, arbitrary: m.deep },
    { weight: 3, arbitrary: m.truncated },
    { weight: 2, arbitrary: m.byteOrderMark },
    { weight: 2, arbitrary: m.forbiddenCharacter },
    { weight: 2, arbitrary: m.wrongRoot(secrets) },
  );

const score = new BoundaryScore('registration-soap');
afterAll(() => recordFigures('hostile-registration-soap', score.figures));

describe('hostile registration answers (fixed seed)', () => {
  it(`${RUNS} PutTransaction, RevokeTransaction, AddVaccinations and RemoveVaccination answers: read as generated or refused with a reason, the patient never quoted`, { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        answerSpec.chain((a) => mutation(() => [a.insz]).map((mutate) => ({ a, mutated: mutate(render(a)) }))),
        async ({ a, mutated }) => {
          const want: Expectation = mutated.expect.kind === 'error' ? { kind: 'error', codes: ['refused'] } : expected(a);
          const secrets = [a.insz, `${a.insz.slice(0, 6)}-${a.insz.slice(6)}`];
          await score.judge(
            { family: mutated.family, label: `${a.operation}: ${mutated.label}${a.fault ? ' (fault)' : ''}`, size: mutated.text.length, secrets },
            () => readAnswer(a, mutated.text, mutated.limits?.maxBytes ?? DEFAULT_SOAP_MAX_BYTES),
            (outcome): Verdict => {
              if (want.kind === 'error') return outcome.ok ? { problem: 'read, expected a refusal' } : {};
              if (!outcome.ok) return { problem: `refused (${outcome.reason}), expected a reading` };
              const problem = want.check(outcome.value);
              return problem ? { problem } : {};
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
  });
});
