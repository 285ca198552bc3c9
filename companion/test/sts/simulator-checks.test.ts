/**
 * The STS simulator refuses what eHealth would (ehealth-auth.md §8
 * "Simulated STS"): a signature that misses a part or verifies with nothing,
 * a certificate from another CA, claims that do not match the certificates,
 * identification by a pharmacy certificate, a missing claim, and a challenge
 * answered with the wrong key, the wrong text, an unknown Context or twice.
 * Requests are built with the client's own message code, then altered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPharmacistCertificate, createTestCa, type IssuedCertificate } from '../../src/pki/index.ts';
import { challengeResponseEnvelope, issueRequestBody, issueRequestEnvelope, signedStsEnvelope, type SigningCredential } from '../../src/ehealth/sts-message.ts';
import { builtInPharmacyProfile, wsTrustClaims, type ProfileValues } from '../../src/ehealth/sts-profile.ts';
import { readStsAnswer } from '../../src/ehealth/sts-response.ts';
import { postToSts } from '../../src/ehealth/sts-transport.ts';
import { STS_SOAP_ACTION } from '../../src/ehealth/ws-trust.ts';
import { binarySecurityTokenXml, buildSecuredEnvelope, makeTimestamp, newWsuId, signSoapEnvelope } from '../../src/wss/index.ts';
import { VALUES, makeStsWorld, type StsWorld } from './sts-fixture.ts';

let world: StsWorld;
let pharmacist: SigningCredential;
let pharmacy: SigningCredential;
let foreignPharmacist: IssuedCertificate;

beforeAll(async () => {
  world = await makeStsWorld();
  pharmacist = world.keystores.pharmacist.authentication;
  pharmacy = world.keystores.pharmacy.authentication;
  foreignPharmacist = await createPharmacistCertificate(await createTestCa('not eHealth'), '80010112379');
});
afterAll(() => world?.close());

async function send(xml: string, action: string = STS_SOAP_ACTION.requestSecurityToken) {
  const response = await postToSts({ url: new URL(world.sts.url), soapAction: action, body: xml, caPem: world.sts.tlsCaPem, signal: AbortSignal.timeout(5_000), maxResponseBytes: 1_000_000 });
  return { status: response.status, answer: readStsAnswer(response.body) };
}

function issue(options: { signer?: SigningCredential; hok?: string; values?: ProfileValues; context?: string } = {}) {
  return issueRequestEnvelope({
    signer: options.signer ?? pharmacist,
    holderOfKeyCertificatePem: options.hok ?? pharmacy.certificatePem,
    claims: wsTrustClaims(builtInPharmacyProfile(), options.values ?? VALUES),
    lifetimeMs: 3_600_000,
    now: new Date(),
    ...(options.context && { context: options.context }),
  });
}

async function challenge(context: string): Promise<{ context: string; challenge: string }> {
  const { answer } = await send(issue({ context }).xml);
  if (answer.kind !== 'challenge') throw new Error(`expected a challenge, got ${answer.kind}`);
  return answer;
}

const fault = (code: string, text: RegExp) => ({ status: 500, answer: { kind: 'fault', faultCode: code, faultString: expect.stringMatching(text) } });

describe('the STS simulator verifies the signed request', () => {
  it('refuses a signature that leaves out the BinarySecurityToken', async () => {
    const bodyId = newWsuId('id');
    const bstId = newWsuId('X509');
    const timestamp = makeTimestamp(new Date());
    const body = issueRequestBody({ holderOfKeyCertificatePem: pharmacy.certificatePem, claims: wsTrustClaims(builtInPharmacyProfile(), VALUES), lifetimeMs: 3_600_000, now: new Date(), context: 'c-parts' });
    const envelope = buildSecuredEnvelope({ body, bodyId, timestamp, tokens: [binarySecurityTokenXml(pharmacist.certificatePem, bstId)] });
    const signed = signSoapEnvelope(envelope, { privateKeyPem: pharmacist.privateKeyPem, keyInfo: { kind: 'binary-security-token', tokenId: bstId }, references: [bodyId, timestamp.id] });
    expect(await send(signed)).toMatchObject(fault('wsse:InvalidSecurity', /must cover the Body, the Timestamp and the BinarySecurityToken/));
  });

  it('refuses a Body changed after signing', async () => {
    const { xml } = issue();
    expect(await send(xml.replace('>80000551<', '>80000254<'))).toMatchObject(fault('wsse:FailedAuthentication', /signature/));
  });

  it('refuses a certificate not issued by the (simulated) eHealth CA', async () => {
    const { xml } = issue({ signer: foreignPharmacist });
    expect(await send(xml)).toMatchObject(fault('wsse:FailedAuthentication', /not issued by a recognised eHealth CA/));
  });

  it('refuses an unsigned request', async () => {
    const envelope = buildSecuredEnvelope({ body: { x: '' }, bodyId: 'id-1', timestamp: makeTimestamp(new Date()) });
    expect(await send(envelope)).toMatchObject({ status: 500, answer: { kind: 'fault' } });
  });
});

describe('the STS simulator checks the claims against the certificates', () => {
  it('SSIN claims that are not the identification certificate', async () => {
    const { xml } = issue({ values: { ...VALUES, pharmacistSsin: '85073003328' } });
    expect(await send(xml)).toMatchObject(fault('wsse:FailedAuthentication', /SSIN claims do not match/));
  });

  it('a pharmacy number that is not the holder-of-key certificate', async () => {
    const { xml } = issue({ values: { ...VALUES, pharmacyNumber: '80000254' } });
    expect(await send(xml)).toMatchObject(fault('wsse:FailedAuthentication', /pharmacy number claim does not match/));
  });

  it('identification by the pharmacy certificate', async () => {
    const { xml } = issue({ signer: pharmacy });
    expect(await send(xml)).toMatchObject(fault('wsse:FailedAuthentication', /personal eHealth certificate/));
  });

  it('a missing identification claim', async () => {
    const claims = wsTrustClaims(builtInPharmacyProfile(), VALUES).filter((c) => c.uri !== 'urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder');
    const body = issueRequestBody({ holderOfKeyCertificatePem: pharmacy.certificatePem, claims, lifetimeMs: 3_600_000, now: new Date(), context: 'c-missing' });
    expect(await send(signedStsEnvelope(body, pharmacist, new Date()))).toMatchObject(fault('soapenv:Client', /pharmacy-holder needs exactly one value/));
  });

  it('a wrong SOAPAction', async () => {
    expect(await send(issue().xml, 'urn:be:fgov:ehealth:sts:protocol:v1:RequestSecureToken')).toMatchObject(fault('soapenv:Client', /unknown SOAPAction/));
  });
});

describe('the challenge round trip', () => {
  it('refuses an answer signed with the identification key', async () => {
    const c = await challenge('ctx-wrong-key');
    const reply = challengeResponseEnvelope({ signer: pharmacist, context: c.context, challenge: c.challenge, now: new Date() });
    expect(await send(reply, STS_SOAP_ACTION.challenge)).toMatchObject(fault('wsse:FailedAuthentication', /signed with the holder-of-key certificate/));
  });

  it('refuses another challenge text, an unknown Context, and a second use', async () => {
    const c = await challenge('ctx-text');
    const wrongText = challengeResponseEnvelope({ signer: pharmacy, context: c.context, challenge: `${c.challenge}x`, now: new Date() });
    expect(await send(wrongText, STS_SOAP_ACTION.challenge)).toMatchObject(fault('wsse:FailedAuthentication', /does not match/));
    const unknown = challengeResponseEnvelope({ signer: pharmacy, context: 'ctx-never-sent', challenge: c.challenge, now: new Date() });
    expect(await send(unknown, STS_SOAP_ACTION.challenge)).toMatchObject(fault('soapenv:Client', /no pending challenge/));
    const right = challengeResponseEnvelope({ signer: pharmacy, context: c.context, challenge: c.challenge, now: new Date() });
    expect((await send(right, STS_SOAP_ACTION.challenge)).answer.kind).toBe('token');
    expect(await send(right, STS_SOAP_ACTION.challenge)).toMatchObject(fault('soapenv:Client', /no pending challenge/));
  });
});
