/**
 * The simulated hubs check WS-Security the way a hub would (ehealth-auth.md
 * §8): requests tampered with after signing, signed with the wrong key, or
 * carrying an expired, forged or altered assertion are refused with a SOAP
 * fault. Requests are built with the real client code, altered, and POSTed
 * over real HTTPS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIamSigningCertificate } from '../../src/pki/index.ts';
import { getTransactionListBody, signedEnvelope } from '../../src/hub/index.ts';
import { httpsExchange } from '../../src/hub/transport.ts';
import { createSimulatedIam, pharmacyAttributes } from '../../src/simulator/iam.ts';
import { buildSecuredEnvelope, makeTimestamp, newWsuId, signSoapEnvelope } from '../../src/wss/index.ts';
import type { SamlToken } from '../../src/token-provider.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { clientFor, startFixture, TEST_APPLICATION, type SimulatorFixture } from '../helpers/simulator.ts';

let fx: SimulatorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.sim.close();
});

const patient = SYNTHETIC_PATIENTS.find((p) => p.key === 'flu-gp-this-season')!;
const LIST_ACTION = '"urn:be:fgov:ehealth:intrahub:protocol:v3:GetTransactionList"';

function pharmacy(overrides: { pharmacyNumber?: string; inss?: string } = {}) {
  return {
    pharmacyNumber: overrides.pharmacyNumber ?? fx.sim.pharmacy.pharmacyNumber,
    pharmacist: { riziv: fx.sim.pharmacy.pharmacistRiziv, inss: overrides.inss ?? fx.sim.pharmacy.pharmacistSsin },
  };
}

function listBody(overrides: Parameters<typeof pharmacy>[0] = {}) {
  const now = new Date();
  return getTransactionListBody({ requestId: `80000551.${now.getTime()}`, now }, pharmacy(overrides), TEST_APPLICATION, patient.insz);
}

async function validToken(): Promise<SamlToken> {
  return (await fx.sim.tokenProvider.getToken()).token;
}

function tokenFrom(minted: { assertionXml: string; assertionId: string; notBefore: Date; notOnOrAfter: Date }): SamlToken {
  return { assertionXml: minted.assertionXml, assertionId: minted.assertionId, notBefore: minted.notBefore, notOnOrAfter: minted.notOnOrAfter };
}

async function post(envelope: string, soapAction = LIST_ACTION) {
  const result = await httpsExchange({
    url: new URL(fx.sim.rsw.url),
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: soapAction },
    body: envelope,
    caPem: fx.sim.caCertPem,
    signal: AbortSignal.timeout(5_000),
    maxResponseBytes: 1_000_000,
  });
  if (!result.ok) throw new Error(result.failure.message);
  const faultcode = /<faultcode>([^<]+)<\/faultcode>/.exec(result.body)?.[1];
  const faultstring = /<faultstring>([^<]+)<\/faultstring>/.exec(result.body)?.[1];
  return { status: result.status, faultcode, faultstring, body: result.body };
}

describe('simulated hub WS-Security checks', () => {
  it('accepts a request signed by the client code (baseline)', async () => {
    const answer = await post(signedEnvelope(listBody(), await validToken(), fx.sim.testing.holderOfKey, new Date()));
    expect(answer.faultcode).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('GetTransactionListResponse');
  });

  it('refuses a body changed after signing', async () => {
    const signed = signedEnvelope(listBody(), await validToken(), fx.sim.testing.holderOfKey, new Date());
    const other = SYNTHETIC_PATIENTS.find((p) => p.key === 'covid-nurse')!.insz;
    const tampered = signed.replace(`>${patient.insz}<`, `>${other}<`);
    expect(tampered).not.toBe(signed);
    const answer = await post(tampered);
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:FailedCheck' });
    expect(answer.faultstring).toMatch(/changed after signing/);
  });

  it('refuses a signature made with another key than the holder-of-key', async () => {
    const wrongKey = { ...fx.sim.testing.holderOfKey, privateKeyPem: (await createIamSigningCertificate(fx.sim.testing.ca, 'Mallory')).privateKeyPem };
    const answer = await post(signedEnvelope(listBody(), await validToken(), wrongKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:FailedCheck' });
  });

  it('refuses an expired assertion', async () => {
    const expired = fx.sim.testing.iam.mintAssertion({
      holderOfKeyCertificatePem: fx.sim.testing.holderOfKey.certificatePem,
      identificationCertificatePem: fx.sim.testing.pharmacistCertificatePem,
      attributes: pharmacyAttributes(fx.sim.testing.profile),
      notBefore: new Date(Date.now() - 2 * 3_600_000),
      notOnOrAfter: new Date(Date.now() - 60_000),
    });
    const answer = await post(signedEnvelope(listBody(), tokenFrom(expired), fx.sim.testing.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
    expect(answer.faultstring).toMatch(/expired/);
  });

  it('refuses an assertion signed by a foreign IAM key', async () => {
    const foreign = createSimulatedIam(await createIamSigningCertificate(fx.sim.testing.ca, 'Foreign IAM'));
    const forged = foreign.mintAssertion({
      holderOfKeyCertificatePem: fx.sim.testing.holderOfKey.certificatePem,
      identificationCertificatePem: fx.sim.testing.pharmacistCertificatePem,
      attributes: pharmacyAttributes(fx.sim.testing.profile),
    });
    const answer = await post(signedEnvelope(listBody(), tokenFrom(forged), fx.sim.testing.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
    expect(answer.faultstring).toMatch(/assertion signature/);
  });

  it('refuses an assertion altered after issue (another pharmacy number)', async () => {
    const token = await validToken();
    const altered = { ...token, assertionXml: token.assertionXml.replace('>80000551<', '>80000254<') };
    expect(altered.assertionXml).not.toBe(token.assertionXml);
    const answer = await post(signedEnvelope(listBody({ pharmacyNumber: '80000254' }), altered, fx.sim.testing.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurityToken' });
  });

  it('refuses an expired Timestamp', async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    const answer = await post(signedEnvelope(listBody(), await validToken(), fx.sim.testing.holderOfKey, old));
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:MessageExpired' });
  });

  it('refuses a signature that does not cover the Timestamp', async () => {
    const token = await validToken();
    const bodyId = newWsuId('BODY');
    const timestamp = makeTimestamp();
    const envelope = buildSecuredEnvelope({ body: listBody(), bodyId, timestamp, tokens: [token.assertionXml] });
    const signed = signSoapEnvelope(envelope, {
      privateKeyPem: fx.sim.testing.holderOfKey.privateKeyPem,
      keyInfo: { kind: 'saml-assertion-id', assertionId: token.assertionId },
      references: [bodyId],
    });
    const answer = await post(signed);
    expect(answer).toMatchObject({ status: 500, faultcode: 'wsse:FailedCheck' });
    expect(answer.faultstring).toMatch(/Body and the Timestamp/);
  });

  it('refuses a request without signature or without security header', async () => {
    const token = await validToken();
    const unsigned = buildSecuredEnvelope({ body: listBody(), bodyId: newWsuId('BODY'), timestamp: makeTimestamp(), tokens: [token.assertionXml] });
    expect(await post(unsigned)).toMatchObject({ status: 500, faultcode: 'wsse:FailedCheck' });
    const bare = unsigned.replace(/<soapenv:Header>[^]*<\/soapenv:Header>/, '');
    expect(await post(bare)).toMatchObject({ status: 500, faultcode: 'wsse:InvalidSecurity' });
  });

  it('refuses an author that does not match the token', async () => {
    const answer = await post(signedEnvelope(listBody({ inss: '85073003328' }), await validToken(), fx.sim.testing.holderOfKey, new Date()));
    expect(answer).toMatchObject({ status: 500, faultcode: 'soapenv:Client' });
    expect(answer.faultstring).toMatch(/perspharmacist/);
  });

  it('refuses a SOAPAction that does not match the operation', async () => {
    const answer = await post(signedEnvelope(listBody(), await validToken(), fx.sim.testing.holderOfKey, new Date()), '"urn:be:fgov:ehealth:intrahub:protocol:v3:GetTransaction"');
    expect(answer).toMatchObject({ status: 500, faultcode: 'soapenv:Client' });
  });

  it('refuses malformed XML and DTDs', async () => {
    expect(await post('<soapenv:Envelope')).toMatchObject({ status: 500, faultcode: 'soapenv:Client' });
    expect(await post('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toMatchObject({ status: 500, faultcode: 'soapenv:Client' });
  });

  it('the hub client reports a refused signature as auth-failed and drops the token', async () => {
    const wrong = { ...fx.sim.testing.holderOfKey, privateKeyPem: (await createIamSigningCertificate(fx.sim.testing.ca, 'Eve')).privateKeyPem };
    let invalidated = 0;
    const client = clientFor(fx.sim, {
      tokenProvider: {
        getToken: async () => ({ token: await validToken(), holderOfKey: wrong }),
        invalidate: () => void invalidated++,
      },
    });
    try {
      const answer = await client.consult(patient.insz, ['rsw', 'rsb'], AbortSignal.timeout(5_000));
      expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'auth-failed', upstreamCode: 'FailedCheck' } });
      expect(answer.rsb).toMatchObject({ status: 'error', error: { code: 'auth-failed' } });
      // Dropped before the one retry, and again after it failed, for each hub.
      expect(invalidated).toBe(4);
    } finally {
      client.close();
    }
  });

  it('a refused token is replaced and the consultation retried once', async () => {
    const expired = tokenFrom(
      fx.sim.testing.iam.mintAssertion({
        holderOfKeyCertificatePem: fx.sim.testing.holderOfKey.certificatePem,
        identificationCertificatePem: fx.sim.testing.pharmacistCertificatePem,
        attributes: pharmacyAttributes(fx.sim.testing.profile),
        notBefore: new Date(Date.now() - 2 * 3_600_000),
        notOnOrAfter: new Date(Date.now() - 1_000),
      }),
    );
    let stale = true;
    const client = clientFor(fx.sim, {
      tokenProvider: {
        getToken: async () => ({ token: stale ? expired : await validToken(), holderOfKey: fx.sim.testing.holderOfKey }),
        invalidate: () => {
          stale = false;
        },
      },
    });
    try {
      const answer = await client.consult(patient.insz, ['rsw'], AbortSignal.timeout(5_000));
      expect(answer.rsw).toMatchObject({ status: 'ok', transactions: [expect.anything()] });
    } finally {
      client.close();
    }
  });

  it('answers a GET (reachability probe) without patient data', async () => {
    const result = await httpsExchange({ url: new URL(fx.sim.rsw.url), method: 'GET', caPem: fx.sim.caCertPem, signal: AbortSignal.timeout(3_000), maxResponseBytes: 10_000 });
    expect(result).toMatchObject({ ok: true, status: 200 });
  });
});
