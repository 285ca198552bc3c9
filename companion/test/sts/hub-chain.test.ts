/**
 * The whole chain on real sockets: the real STS client gets a token from the
 * STS simulator, the real hub client uses it against a simulated hub that
 * trusts only the STS simulator's IAM key. Then the hub's refusals of what
 * must not pass: no token, an expired token, a token from a foreign IAM, a
 * token altered after issue, and a call signed with another key than the
 * holder-of-key (the pharmacist's identification key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubUpstream, getTransactionListBody, signedEnvelope, type HubUpstream } from '../../src/hub/index.ts';
import { httpsExchange } from '../../src/hub/transport.ts';
import { createTlsServerCertificate } from '../../src/pki/index.ts';
import { startSimulatedHub, type SimulatedHub } from '../../src/simulator/hub-server.ts';
import { createSimulatedIamFromCa } from '../../src/simulator/iam.ts';
import { SYNTHETIC_PATIENTS, syntheticPatientSet } from '../../src/simulator/index.ts';
import { startStsSimulator, type RunningStsSimulator } from '../../src/simulator/sts/index.ts';
import { loadStsCredentials } from '../../src/ehealth/keystore-file.ts';
import { requestStsToken, type StsCredentials } from '../../src/ehealth/sts-client.ts';
import { createStsTokenProvider, type StsTokenProvider } from '../../src/ehealth/sts-token-provider.ts';
import { buildSecuredEnvelope, makeTimestamp, newWsuId, signSoapEnvelope } from '../../src/wss/index.ts';
import type { SamlToken } from '../../src/token-provider.ts';
import { PHARMACY, makeStsWorld, type StsWorld } from './sts-fixture.ts';

const APPLICATION = { softwareId: 'vaccicard_companion-test', name: 'Vaccicard companion', version: '0.0.0-test' };
const LIST_ACTION = '"urn:be:fgov:ehealth:intrahub:protocol:v3:GetTransactionList"';
const patient = SYNTHETIC_PATIENTS.find((p) => p.key === 'flu-gp-this-season')!;

let world: StsWorld;
let hub: SimulatedHub;
let credentials: StsCredentials;
let provider: StsTokenProvider;
let client: HubUpstream;
const extraSts: RunningStsSimulator[] = [];

beforeAll(async () => {
  world = await makeStsWorld();
  const tls = await createTlsServerCertificate(world.ca);
  hub = await startSimulatedHub({
    hub: 'rsw',
    patients: syntheticPatientSet(),
    iamCertificates: [world.sts.iamCertificatePem],
    tls: { key: tls.privateKeyPem, cert: tls.certificatePem },
  });
  credentials = await loadStsCredentials({ identification: world.identification, holderOfKey: world.holderOfKey }, world.env);
  provider = createStsTokenProvider({ loadCredentials: async () => credentials, client: world.clientOptions() });
  client = createHubUpstream({
    endpoints: { rsw: { url: hub.url, caPem: world.ca.certificatePem } },
    pharmacy: { pharmacyNumber: PHARMACY.pharmacyNumber, pharmacist: { riziv: PHARMACY.pharmacistRiziv, inss: PHARMACY.pharmacistSsin } },
    application: APPLICATION,
    tokenProvider: provider,
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  client?.close();
  await Promise.all([hub?.close(), ...extraSts.map((s) => s.close())]);
  await world?.close();
});

function listBody() {
  const now = new Date();
  return getTransactionListBody(
    { requestId: `${PHARMACY.pharmacyNumber}.${now.getTime()}`, now },
    { pharmacyNumber: PHARMACY.pharmacyNumber, pharmacist: { riziv: PHARMACY.pharmacistRiziv, inss: PHARMACY.pharmacistSsin } },
    APPLICATION,
    patient.insz,
  );
}

async function post(envelope: string) {
  const result = await httpsExchange({
    url: new URL(hub.url),
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: LIST_ACTION },
    body: envelope,
    caPem: world.ca.certificatePem,
    signal: AbortSignal.timeout(5_000),
    maxResponseBytes: 1_000_000,
  });
  if (!result.ok) throw new Error(result.failure.message);
  return {
    status: result.status,
    faultcode: /<faultcode>([^<]+)<\/faultcode>/.exec(result.body)?.[1],
    faultstring: /<faultstring>([^<]+)<\/faultstring>/.exec(result.body)?.[1],
    body: result.body,
  };
}

/** Another STS simulator on the same CA and keystores, with its own clock or IAM. */
async function otherSts(options: { now?: () => Date; foreignIam?: boolean }): Promise<RunningStsSimulator> {
  const iam = options.foreignIam ? await createSimulatedIamFromCa(world.ca) : world.iam;
  const sts = await startStsSimulator({
    ca: world.ca,
    iam,
    pharmacies: [{ pharmacyNumber: PHARMACY.pharmacyNumber, recognised: true, titular: { ssin: PHARMACY.pharmacistSsin, riziv: PHARMACY.pharmacistRiziv, givenName: 'A', surname: 'B' } }],
    ...(options.now && { now: options.now }),
  });
  extraSts.push(sts);
  return sts;
}

describe('STS token → hub', () => {
  it('the real hub client consults with a token from the STS simulator', async () => {
    const answer = await client.consult(patient.insz, ['rsw'], AbortSignal.timeout(10_000));
    expect(answer.rsw?.status).toBe('ok');
    expect(provider.stats.issued).toBe(1);
    expect(world.sts.stats.challengesAnswered).toBeGreaterThanOrEqual(1);
  });

  it('a call signed by the holder-of-key key with the STS token is accepted (baseline)', async () => {
    const { token, holderOfKey } = await provider.getToken();
    const answer = await post(signedEnvelope(listBody(), token, holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 200, faultcode: undefined });
    expect(answer.body).toContain('GetTransactionListResponse');
  });
});

describe('the hub refuses', () => {
  it('a call without a token', async () => {
    const bodyId = newWsuId('BODY');
    const timestamp = makeTimestamp(new Date());
    const envelope = buildSecuredEnvelope({ body: listBody(), bodyId, timestamp });
    const signed = signSoapEnvelope(envelope, {
      privateKeyPem: credentials.holderOfKey.privateKeyPem,
      keyInfo: { kind: 'saml-assertion-id', assertionId: '_missing' },
      references: [bodyId, timestamp.id],
    });
    expect(await post(signed)).toMatchObject({ status: 500, faultcode: 'wsse:SecurityTokenUnavailable' });
  });

  it('an expired token (issued by the STS two hours ago for one hour)', async () => {
    const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000);
    const sts = await otherSts({ now: twoHoursAgo });
    const token = await requestStsToken(credentials, { ...world.clientOptions({ endpoint: new URL(sts.url) }), now: twoHoursAgo });
    expect(token.notOnOrAfter.getTime()).toBeLessThan(Date.now());
    const answer = await post(signedEnvelope(listBody(), token, credentials.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
    expect(answer.faultstring).toMatch(/expired/);
  });

  it('a token from an STS whose IAM key the hub does not trust', async () => {
    const sts = await otherSts({ foreignIam: true });
    const token = await requestStsToken(credentials, world.clientOptions({ endpoint: new URL(sts.url), trustAnchors: [sts.iamCertificatePem] }));
    const answer = await post(signedEnvelope(listBody(), token, credentials.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
    expect(answer.faultstring).toMatch(/assertion signature/);
  });

  it('a token altered after issue (validity extended)', async () => {
    const { token } = await provider.getToken();
    const later = new Date(token.notOnOrAfter.getTime() + 24 * 3_600_000).toISOString();
    const altered: SamlToken = { ...token, assertionXml: token.assertionXml.replace(token.notOnOrAfter.toISOString(), later) };
    expect(altered.assertionXml).not.toBe(token.assertionXml);
    const answer = await post(signedEnvelope(listBody(), altered, credentials.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
    expect(answer.faultstring).toMatch(/changed after signing/);
  });

  it('a call signed with the identification key instead of the holder-of-key key', async () => {
    const { token } = await provider.getToken();
    const wrongKey = { privateKeyPem: credentials.identification.privateKeyPem, certificatePem: credentials.identification.certificatePem };
    const answer = await post(signedEnvelope(listBody(), token, wrongKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:FailedCheck' });
  });

  it('after a hub refused the token, the hub client calls invalidate() and the STS provider issues a new one', async () => {
    // The first token handed out is altered in transit; the hub refuses it.
    let handedOut = 0;
    let invalidated = 0;
    const flaky = {
      async getToken(signal?: AbortSignal) {
        const answer = await provider.getToken(signal);
        if (handedOut++ > 0) return answer;
        return { ...answer, token: { ...answer.token, assertionXml: answer.token.assertionXml.replace('>true<', '>True<') } };
      },
      invalidate() {
        invalidated++;
        provider.invalidate();
      },
    };
    const flakyClient = createHubUpstream({
      endpoints: { rsw: { url: hub.url, caPem: world.ca.certificatePem } },
      pharmacy: { pharmacyNumber: PHARMACY.pharmacyNumber, pharmacist: { riziv: PHARMACY.pharmacistRiziv, inss: PHARMACY.pharmacistSsin } },
      application: APPLICATION,
      tokenProvider: flaky,
      timeoutMs: 5_000,
    });
    const issuedBefore = provider.stats.issued;
    try {
      const answer = await flakyClient.consult(patient.insz, ['rsw'], AbortSignal.timeout(10_000));
      expect(answer.rsw?.status).toBe('ok');
    } finally {
      flakyClient.close();
    }
    expect(invalidated).toBe(1);
    expect(provider.stats.issued).toBe(issuedBefore + 1);
  });
});
