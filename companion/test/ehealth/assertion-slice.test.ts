/** The issued assertion is cut out of the STS answer as the exact text received. */
import { describe, expect, it } from 'vitest';
import { sliceIssuedAssertion } from '../../src/ehealth/assertion-slice.ts';
import { readStsAnswer } from '../../src/ehealth/sts-response.ts';

const SAML = 'urn:oasis:names:tc:SAML:1.0:assertion';
const WST = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

const assertion = `<saml:Assertion xmlns:saml="${SAML}" AssertionID="_a1"  IssueInstant="2026-11-21T10:00:00.000+0100" Issuer="urn:be:fgov:ehealth:sts:1_0" MajorVersion="1" MinorVersion="1">
  <saml:Conditions NotBefore="2026-11-21T10:00:00Z"   NotOnOrAfter="2026-11-21T22:00:00Z"/><!-- kept -->
  <saml:AttributeStatement><saml:Attribute AttributeName="x" AttributeNamespace="y"><saml:AttributeValue>a &amp; b</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>
</saml:Assertion>`;

function answer(inner: string, envelopeDeclarations = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP}"${envelopeDeclarations}><soap:Body><wst:RequestSecurityTokenResponseCollection xmlns:wst="${WST}"><wst:RequestSecurityTokenResponse Context="c"><wst:RequestedSecurityToken>${inner}</wst:RequestedSecurityToken></wst:RequestSecurityTokenResponse></wst:RequestSecurityTokenResponseCollection></soap:Body></soap:Envelope>`;
}

describe('sliceIssuedAssertion', () => {
  it('returns the assertion byte for byte (spacing, comments, entity references, offsets untouched)', () => {
    const result = sliceIssuedAssertion(answer(assertion));
    expect(result).toEqual({ ok: true, xml: assertion, addedDeclarations: 0 });
    const read = readStsAnswer(answer(assertion));
    expect(read).toEqual({ kind: 'token', assertionXml: assertion });
  });

  it('copies only the namespace declarations the assertion uses from its ancestors', () => {
    const bare = assertion.replace(` xmlns:saml="${SAML}"`, '');
    const result = sliceIssuedAssertion(answer(bare, ` xmlns:saml="${SAML}" xmlns:unused="urn:unused"`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.addedDeclarations).toBe(1);
    expect(result.xml).toBe(bare.replace('<saml:Assertion', `<saml:Assertion xmlns:saml="${SAML}"`));
  });

  it('refuses two issued assertions, and ignores an assertion outside RequestedSecurityToken', () => {
    expect(sliceIssuedAssertion(answer(assertion + assertion.replace('_a1', '_a2')))).toMatchObject({ ok: false });
    const elsewhere = answer(assertion).replace('<soap:Body>', `<soap:Header>${assertion.replace('_a1', '_h')}</soap:Header><soap:Body>`);
    const result = sliceIssuedAssertion(elsewhere);
    expect(result).toEqual({ ok: true, xml: assertion, addedDeclarations: 0 });
  });

  it('refuses an Assertion in another namespace', () => {
    const other = assertion.replaceAll(SAML, 'urn:oasis:names:tc:SAML:2.0:assertion');
    expect(sliceIssuedAssertion(answer(other))).toMatchObject({ ok: false });
  });
});

describe('readStsAnswer', () => {
  it('reads a fault, a challenge and malformed answers', () => {
    expect(readStsAnswer(`<s:Envelope xmlns:s="${SOAP}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>bad</faultstring></s:Fault></s:Body></s:Envelope>`)).toEqual({
      kind: 'fault',
      faultCode: 's:Client',
      faultString: 'bad',
    });
    expect(
      readStsAnswer(`<s:Envelope xmlns:s="${SOAP}"><s:Body><wst:RequestSecurityTokenResponse xmlns:wst="${WST}" Context="c1"><wst:SignChallenge><wst:Challenge>xyz</wst:Challenge></wst:SignChallenge></wst:RequestSecurityTokenResponse></s:Body></s:Envelope>`),
    ).toEqual({ kind: 'challenge', context: 'c1', challenge: 'xyz' });
    expect(readStsAnswer('<html>502 Bad Gateway</html>')).toMatchObject({ kind: 'malformed' });
    expect(readStsAnswer(`<!DOCTYPE x [<!ENTITY a "b">]><x/>`)).toMatchObject({ kind: 'malformed' });
    expect(readStsAnswer(answer(''))).toMatchObject({ kind: 'malformed' });
  });
});
