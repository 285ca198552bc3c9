/**
 * The real STS client against the STS simulator over HTTPS: a token with one
 * keystore (no challenge) and with two (SignChallenge answered by the
 * holder-of-key key); the assertion kept byte for byte; every refusal typed
 * with its reason and next action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { loadStsCredentials } from '../../src/ehealth/keystore-file.ts';
import { requestStsToken, type StsCredentials } from '../../src/ehealth/sts-client.ts';
import { StsError } from '../../src/ehealth/sts-error.ts';
import { readSamlAssertionXml } from '../../src/wss/saml-assertion.ts';
import { PHARMACY, makeStsWorld, type StsWorld } from './sts-fixture.ts';

let world: StsWorld;
let twoKeystores: StsCredentials;
let oneKeystore: StsCredentials;

beforeAll(async () => {
  world = await makeStsWorld();
  twoKeystores = await loadStsCredentials({ identification: world.identification, holderOfKey: world.holderOfKey }, world.env);
  oneKeystore = await loadStsCredentials({ identification: world.identification }, world.env);
});
afterAll(() => world?.close());

async function refusal(promise: Promise<unknown>): Promise<StsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StsError);
  return error as StsError;
}

function statsDelta<T extends Record<string, unknown>>(before: T, after: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const k of Object.keys(after) as (keyof T)[]) if (typeof after[k] === 'number') out[k] = (after[k] as number) - ((before[k] as number) ?? 0);
  return out;
}

describe('obtaining a token', () => {
  it('with two keystores: the STS challenges and the holder-of-key key answers', async () => {
    world.sts.setFaultMode({ kind: 'none' });
    const before = { ...world.sts.stats };
    const token = await requestStsToken(twoKeystores, world.clientOptions());
    expect(statsDelta(before, { ...world.sts.stats })).toMatchObject({ issueRequests: 1, challengesSent: 1, challengesAnswered: 1, tokensIssued: 1, faults: 0 });
    const read = readSamlAssertionXml(token.assertionXml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.assertion.assertionId).toBe(token.assertionId);
    // The token is bound to the pharmacy certificate, the subject is the pharmacist.
    const hok = new X509Certificate(read.assertion.holderOfKeyCertificatePem!);
    expect(hok.subject).toContain(`NIHII-PHARMACY=${PHARMACY.pharmacyNumber}`);
    expect(read.assertion.subjectNameId).toContain(`SSIN=${PHARMACY.pharmacistSsin}`);
    expect(read.assertion.attributes.find((a) => a.name.endsWith('recognisedpharmacy:boolean'))?.values).toEqual(['true']);
  });

  it('with one keystore serving both roles: no challenge', async () => {
    const before = { ...world.sts.stats };
    const token = await requestStsToken(oneKeystore, world.clientOptions());
    expect(statsDelta(before, { ...world.sts.stats })).toMatchObject({ issueRequests: 1, challengesSent: 0, tokensIssued: 1 });
    const read = readSamlAssertionXml(token.assertionXml);
    expect(read.ok && new X509Certificate(read.assertion.holderOfKeyCertificatePem!).subject).toContain(`SSIN=${PHARMACY.pharmacistSsin}`);
  });

  it('keeps the assertion exactly as the STS sent it and reads its validity back', async () => {
    const token = await requestStsToken(twoKeystores, world.clientOptions({ lifetimeMs: 20 * 60_000 }));
    expect(token.assertionXml.startsWith('<saml:Assertion')).toBe(true);
    expect(token.assertionXml.endsWith('</saml:Assertion>')).toBe(true);
    // Validity is what the STS issued (requested 20 min from the request's time; the simulator's cap is 1 h).
    const lifetime = token.notOnOrAfter.getTime() - token.notBefore.getTime();
    expect(lifetime).toBeLessThanOrEqual(20 * 60_000);
    expect(lifetime).toBeGreaterThan(20 * 60_000 - 5_000);
  });

  it('takes the lifetime the STS grants, not the one requested', async () => {
    const token = await requestStsToken(twoKeystores, world.clientOptions({ lifetimeMs: 24 * 3_600_000 }));
    expect(token.notOnOrAfter.getTime() - token.notBefore.getTime()).toBe(3_600_000);
  });
});

describe('refusals, each typed with a reason and the next action', () => {
  it('a certified boolean "false": the pharmacist is not the titular', async () => {
    world.sts.setFaultMode({ kind: 'false-attribute', attribute: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean' });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('not-titular');
    expect(error.code).toBe('sts-refused');
    expect(error.message).toMatch(/titular/);
    expect(error.describe('nl').action).toMatch(/titularis/);
  });

  it('a certified boolean "false": the pharmacy is not recognised', async () => {
    world.sts.setFaultMode({ kind: 'false-attribute', attribute: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean' });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('not-recognised-pharmacy');
    expect(error.message).toContain(PHARMACY.pharmacyNumber);
    expect(error.describe('fr').problem).toMatch(/ne reconnaît pas/);
  });

  it('an empty certified attribute', async () => {
    world.sts.setFaultMode({ kind: 'empty-attribute', attribute: 'urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11' });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('attribute-empty');
    expect(error.vars.attribute).toBe('urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11');
  });

  it('another RIZIV number for the titular than the configuration', async () => {
    const error = await refusal(
      requestStsToken(twoKeystores, world.clientOptions({ values: { ...world.clientOptions().values, pharmacistRiziv: '21234585001' } })),
    );
    expect(error.problem).toBe('titular-riziv-differs');
  });

  it('a short-lived token (under the five-minute margin) is not used', async () => {
    world.sts.setFaultMode({ kind: 'short-lived', lifetimeMs: 4 * 60_000 });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('token-too-short');
    expect(error.code).toBe('invalid-token');
  });

  it('a SOAP fault, with its text (11-digit numbers masked)', async () => {
    world.sts.setFaultMode({ kind: 'soap-fault', code: 'soapenv:Server', text: `Identity ${PHARMACY.pharmacistSsin} unknown` });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('sts-fault');
    expect(error.vars.faultCode).toBe('Server');
    expect(error.message).toContain('Identity 80…79 unknown');
    expect(error.message).not.toContain(PHARMACY.pharmacistSsin);
  });

  it('an outage (HTTP 503 without SOAP)', async () => {
    world.sts.setFaultMode({ kind: 'unavailable' });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    expect(error.problem).toBe('sts-http-error');
    expect(error.vars.status).toBe('503');
    expect(error.code).toBe('sts-unreachable');
  });

  it('the STS unreachable', async () => {
    const closed = new URL(world.sts.url);
    closed.port = '1';
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions({ endpoint: closed })));
    expect(error.problem).toBe('sts-unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('a TLS certificate the companion does not trust', async () => {
    const { caPem: _ignored, ...withoutCa } = world.clientOptions();
    const error = await refusal(requestStsToken(twoKeystores, withoutCa));
    expect(error.problem).toBe('sts-tls');
  });

  it('an STS whose assertions are not signed by the trust anchor', async () => {
    const notTheStsCertificate = world.keystores.pharmacy.authentication.certificatePem;
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions({ trustAnchors: [notTheStsCertificate] })));
    expect(error.problem).toBe('untrusted-token');
  });

  it('a clock far off: the STS refuses the Timestamp', async () => {
    const skewed = () => new Date(Date.now() - 10 * 60_000);
    const error = await refusal(requestStsToken(twoKeystores, { ...world.clientOptions(), now: skewed }));
    expect(error.problem).toBe('clock-skew');
    expect(error.describe('de').action).toMatch(/Uhr/);
  });

  it('an expired identification certificate is refused before anything is sent', async () => {
    const before = world.sts.stats.issueRequests;
    const later = () => new Date(Date.now() + 3 * 365 * 86_400_000);
    const error = await refusal(requestStsToken(twoKeystores, { ...world.clientOptions(), now: later }));
    expect(error.problem).toBe('certificate-expired');
    expect(error.vars.role).toBe('identification');
    expect(world.sts.stats.issueRequests).toBe(before);
  });

  it('no message carries key material, the password or the token', async () => {
    world.sts.setFaultMode({ kind: 'false-attribute', attribute: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean' });
    const error = await refusal(requestStsToken(twoKeystores, world.clientOptions()));
    world.sts.setFaultMode({ kind: 'none' });
    const text = JSON.stringify({ message: error.message, vars: error.vars, nl: error.describe('nl'), stack: error.stack });
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(world.password);
    expect(text).not.toMatch(/<saml:Assertion|MII[A-Za-z0-9+/]{40}/);
  });
});
