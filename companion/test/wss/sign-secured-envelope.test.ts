/**
 * signSecuredEnvelope (the hub calls' signing: tokens spliced in after
 * signing, key imported once) gives byte for byte what signSoapEnvelope gives
 * on the envelope with its tokens, and refuses what it refuses.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binarySecurityTokenXml,
  buildSecuredEnvelope,
  makeTimestamp,
  signSoapEnvelope,
  verifySoapEnvelope,
  WssSignError,
  type KeyInfoReference,
} from '../../src/wss/index.ts';
import { signSecuredEnvelope, signSecuredEnvelopeAsync } from '../../src/wss/sign.ts';
import { makeTestIdentities, mintTestAssertion, type TestIdentities } from '../helpers/identities.ts';

let ids: TestIdentities;
beforeAll(async () => {
  ids = await makeTestIdentities();
});

const body = { 'p:Ping': { '@_xmlns:p': 'urn:test:ping', 'p:value': 'a < b & "c" ✓' } };

function fixedInput(tokens: string[]) {
  const timestamp = makeTimestamp(new Date('2026-02-02T10:00:00.000Z'), 60_000, 'TS-0123456789abcdef01234567');
  return { body, bodyId: 'BODY-0123456789abcdef01234567', timestamp, tokens };
}

function hubOptions(assertionId: string, privateKeyPem = ids.hok.privateKeyPem) {
  const keyInfo: KeyInfoReference = { kind: 'saml-assertion-id', assertionId };
  return { privateKeyPem, keyInfo, references: ['BODY-0123456789abcdef01234567', 'TS-0123456789abcdef01234567'] };
}

const resolve = (pem: string) => (ref: KeyInfoReference) => (ref.kind === 'saml-assertion-id' ? pem : undefined);

describe('signSecuredEnvelope', () => {
  it('is byte for byte signSoapEnvelope on the envelope with its SAML assertion, and verifies', () => {
    const assertion = mintTestAssertion(ids);
    const input = fixedInput([assertion.assertionXml]);
    const options = hubOptions(assertion.assertionId);
    const expected = signSoapEnvelope(buildSecuredEnvelope(input), options);
    const signed = signSecuredEnvelope(input, options);
    expect(signed).toBe(expected);
    expect(signed).toContain(assertion.assertionXml);
    expect(signed).not.toContain('vaccicard-token-slot');
    expect(verifySoapEnvelope(signed, { resolveCertificate: resolve(ids.hok.certificatePem) })).toMatchObject({ ok: true });
  });

  it('is byte for byte signSoapEnvelope on generated bodies, keys and key references (property)', () => {
    const assertion = mintTestAssertion(ids);
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '<', '>', '&', '"', "'", '\t', '\n', '\r', 'é', '€', '😀', '=', ']]>') });
    const body = fc.record({
      prefix: fc.constantFrom('p', 'protocol', 'core'),
      value: text,
      attr: text,
      nested: fc.array(text, { maxLength: 3 }),
      extraNs: fc.boolean(),
    }).map(({ prefix, value, attr, nested, extraNs }) => ({
      [`${prefix}:Request`]: {
        [`@_xmlns:${prefix}`]: 'urn:test:request',
        ...(extraNs ? { '@_xmlns:kmehr': 'http://www.ehealth.fgov.be/standards/kmehr/schema/v1' } : {}),
        '@_S': attr,
        [`${prefix}:value`]: value,
        ...(nested.length > 0 ? { [`${prefix}:item`]: nested.map((n) => ({ '#text': n, '@_n': n })) } : {}),
        ...(extraNs ? { 'kmehr:id': { '@_S': 'ID-HCPARTY', '#text': '12345678' } } : {}),
      },
    }));
    const keyInfo = fc.constantFrom<KeyInfoReference>(
      { kind: 'saml-assertion-id', assertionId: assertion.assertionId },
      { kind: 'binary-security-token', tokenId: 'X509-0011' },
    );
    fc.assert(
      fc.property(body, keyInfo, fc.constantFrom(ids.hok.privateKeyPem, ids.pharmacist.privateKeyPem), (b, ki, pem) => {
        const input = { ...fixedInput([assertion.assertionXml]), body: b };
        const options = { ...hubOptions(assertion.assertionId, pem), keyInfo: ki };
        expect(signSecuredEnvelope(input, options)).toBe(signSoapEnvelope(buildSecuredEnvelope(input), options));
      }),
      { numRuns: 150 },
    );
  });

  it('is the same without tokens and with several tokens', () => {
    const a = mintTestAssertion(ids);
    for (const tokens of [[], [a.assertionXml, binarySecurityTokenXml(ids.pharmacist.certificatePem, 'X509-0011')]]) {
      const input = fixedInput(tokens);
      expect(signSecuredEnvelope(input, hubOptions(a.assertionId))).toBe(signSoapEnvelope(buildSecuredEnvelope(input), hubOptions(a.assertionId)));
    }
  });

  it('signs with the key it is given when keys alternate (one imported key per PEM)', () => {
    const assertion = mintTestAssertion(ids);
    const input = fixedInput([assertion.assertionXml]);
    for (const [pem, cert] of [
      [ids.hok.privateKeyPem, ids.hok.certificatePem],
      [ids.pharmacist.privateKeyPem, ids.pharmacist.certificatePem],
      [ids.hok.privateKeyPem, ids.hok.certificatePem],
    ] as const) {
      const signed = signSecuredEnvelope(input, hubOptions(assertion.assertionId, pem));
      expect(verifySoapEnvelope(signed, { resolveCertificate: resolve(cert) })).toMatchObject({ ok: true });
    }
    const other = signSecuredEnvelope(input, hubOptions(assertion.assertionId, ids.pharmacist.privateKeyPem));
    expect(verifySoapEnvelope(other, { resolveCertificate: resolve(ids.hok.certificatePem) })).toMatchObject({ ok: false });
  });

  it('refuses a token carrying a signed id (a wrapping attempt), like signSoapEnvelope', () => {
    const assertion = mintTestAssertion(ids);
    const evil = `<wsu:Timestamp xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="TS-0123456789abcdef01234567"/>`;
    const input = fixedInput([assertion.assertionXml, evil]);
    expect(() => signSoapEnvelope(buildSecuredEnvelope(input), hubOptions(assertion.assertionId))).toThrow(WssSignError);
    expect(() => signSecuredEnvelope(input, hubOptions(assertion.assertionId))).toThrow(WssSignError);
  });

  it('refuses a token that is not well-formed (or closes the Security header), like signSoapEnvelope', () => {
    const assertion = mintTestAssertion(ids);
    for (const bad of ['<saml:Assertion>', '<x/></wsse:Security><y/>', '<!DOCTYPE x><x/>']) {
      const input = fixedInput([assertion.assertionXml, bad]);
      expect(() => signSoapEnvelope(buildSecuredEnvelope(input), hubOptions(assertion.assertionId))).toThrow(WssSignError);
      expect(() => signSecuredEnvelope(input, hubOptions(assertion.assertionId))).toThrow(WssSignError);
    }
  });

  it('refuses unsafe or missing references, like signSoapEnvelope', () => {
    const input = fixedInput([]);
    expect(() => signSecuredEnvelope(input, { ...hubOptions('_a'), references: ['nope'] })).toThrow(WssSignError);
    expect(() => signSecuredEnvelope(input, { ...hubOptions('_a'), references: [`x'] | //*['`] })).toThrow(WssSignError);
    expect(() => signSecuredEnvelope(input, { ...hubOptions('_a'), references: [] })).toThrow(WssSignError);
  });
});

describe('signSecuredEnvelopeAsync (the RSA operation on the thread pool)', () => {
  it('is byte for byte signSecuredEnvelope (RSA-SHA256, and the RSA-SHA1 it leaves to xml-crypto), and verifies', async () => {
    const assertion = mintTestAssertion(ids);
    const input = fixedInput([assertion.assertionXml]);
    const signed = await signSecuredEnvelopeAsync(input, hubOptions(assertion.assertionId));
    expect(signed).toBe(signSecuredEnvelope(input, hubOptions(assertion.assertionId)));
    expect(verifySoapEnvelope(signed, { resolveCertificate: resolve(ids.hok.certificatePem) })).toMatchObject({ ok: true });
    const sha1 = { ...hubOptions(assertion.assertionId), signatureAlgorithm: 'rsa-sha1' as const };
    expect(await signSecuredEnvelopeAsync(input, sha1)).toBe(signSecuredEnvelope(input, sha1));
  });

  it('gives the same bytes as the synchronous signer on generated bodies and keys, many at once (property)', async () => {
    const assertion = mintTestAssertion(ids);
    const text = fc.string({ unit: fc.constantFrom('a', '0', ' ', '<', '&', '"', 'é', '😀', ']]>') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.constantFrom(ids.hok.privateKeyPem, ids.pharmacist.privateKeyPem)), { minLength: 1, maxLength: 8 }), async (cases) => {
        const inputs = cases.map(([value, pem]) => ({ input: { ...fixedInput([assertion.assertionXml]), body: { 'p:Ping': { '@_xmlns:p': 'urn:test:ping', 'p:value': value } } }, options: hubOptions(assertion.assertionId, pem) }));
        const signed = await Promise.all(inputs.map(({ input, options }) => signSecuredEnvelopeAsync(input, options)));
        expect(signed).toEqual(inputs.map(({ input, options }) => signSecuredEnvelope(input, options)));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses what signSecuredEnvelope refuses, as a rejected promise with the same error', async () => {
    const assertion = mintTestAssertion(ids);
    const wrapped = `<wsu:Timestamp xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="TS-0123456789abcdef01234567"/>`;
    const refused = [
      { input: fixedInput([assertion.assertionXml, wrapped]), options: hubOptions(assertion.assertionId) },
      { input: fixedInput([assertion.assertionXml, '<saml:Assertion>']), options: hubOptions(assertion.assertionId) },
      { input: fixedInput([]), options: { ...hubOptions('_a'), references: ['nope'] } },
      { input: fixedInput([]), options: { ...hubOptions('_a'), references: [] } },
    ];
    for (const { input, options } of refused) {
      let syncMessage = '';
      try {
        signSecuredEnvelope(input, options);
      } catch (e) {
        syncMessage = (e as Error).message;
      }
      expect(syncMessage).not.toBe('');
      await expect(signSecuredEnvelopeAsync(input, options)).rejects.toThrow(new WssSignError(syncMessage));
    }
  });

  it('rejects (never throws synchronously) when the key cannot sign', async () => {
    const promise = signSecuredEnvelopeAsync(fixedInput([]), hubOptions('_a', 'not a key'));
    await expect(promise).rejects.toThrow();
  });
});

