/**
 * SIMULATOR ONLY. A stand-in for the eHealth I.AM STS's token minting: issues
 * SAML 1.1 holder-of-key assertions shaped like the real ones
 * (ehealth-auth.md §1.9, §2.1, §8 "Simulated STS" point 4), signed with a
 * simulator IAM key (enveloped, exclusive c14n, RSA-SHA256). The simulated
 * hubs trust exactly this key. The STS simulator (issue 6) reuses
 * `mintAssertion` behind its WS-Trust endpoint.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { signEnvelopedElement } from '../wss/enveloped.ts';
import { NS } from '../wss/namespaces.ts';
import { EHEALTH_STS_ISSUER, SAML11, type SamlAttribute } from '../wss/saml-assertion.ts';
import { certificateBase64 } from '../pki/pem.ts';
import { createIamSigningCertificate } from '../pki/ehealth-identities.ts';
import type { TestCa } from '../pki/certificates.ts';

export const IDENTIFICATION_NAMESPACE = 'urn:be:fgov:identification-namespace';
export const CERTIFIED_NAMESPACE = 'urn:be:fgov:certified-namespace:ehealth';

/** Attribute names of the pharmacy profile (§2.1). */
export const PHARMACY_ATTRIBUTE = {
  certificateHolderSsin: 'urn:be:fgov:ehealth:1.0:certificateholder:person:ssin',
  pharmacyNihii: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number',
  personSsin: 'urn:be:fgov:person:ssin',
  pharmacyHolderSsin: 'urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder',
  recognisedPharmacy: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean',
  holderNihii11: 'urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11',
  isPharmacyHolder: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean',
} as const;

export interface PharmacyProfile {
  /** 8-digit pharmacy (officine) number. */
  pharmacyNumber: string;
  /** SSIN of the titular pharmacist. */
  pharmacistSsin: string;
  /** 11-digit RIZIV/NIHII of the titular pharmacist. */
  pharmacistRiziv: string;
  /** Certified answer for `recognisedpharmacy:boolean`; default true. */
  recognised?: boolean;
}

/** The identification attributes echoed and the certified attributes answered for a pharmacy (§2.1). */
export function pharmacyAttributes(profile: PharmacyProfile): SamlAttribute[] {
  const id = (name: string, value: string): SamlAttribute => ({ name, namespace: IDENTIFICATION_NAMESPACE, values: [value] });
  const certified = (name: string, value: string): SamlAttribute => ({ name, namespace: CERTIFIED_NAMESPACE, values: [value] });
  return [
    id(PHARMACY_ATTRIBUTE.certificateHolderSsin, profile.pharmacistSsin),
    id(PHARMACY_ATTRIBUTE.pharmacyNihii, profile.pharmacyNumber),
    id(PHARMACY_ATTRIBUTE.personSsin, profile.pharmacistSsin),
    id(PHARMACY_ATTRIBUTE.pharmacyHolderSsin, profile.pharmacistSsin),
    certified(PHARMACY_ATTRIBUTE.recognisedPharmacy, String(profile.recognised ?? true)),
    certified(PHARMACY_ATTRIBUTE.holderNihii11, profile.pharmacistRiziv),
    certified(PHARMACY_ATTRIBUTE.isPharmacyHolder, 'true'),
  ];
}

export interface MintAssertionRequest {
  /** Bound in the SubjectConfirmation: the key that must sign every hub call. */
  holderOfKeyCertificatePem: string;
  /** The identification certificate: its subject and issuer name the subject. */
  identificationCertificatePem: string;
  attributes: readonly SamlAttribute[];
  /** Default now. */
  notBefore?: Date;
  /** Default notBefore + lifetimeMs. */
  notOnOrAfter?: Date;
  /** Default 1 hour. */
  lifetimeMs?: number;
}

export interface MintedAssertion {
  /** The signed assertion, exactly as a client must forward it. */
  assertionXml: string;
  assertionId: string;
  notBefore: Date;
  notOnOrAfter: Date;
}

export interface SimulatedIam {
  /** Trust anchor of the simulated hubs. */
  certificatePem: string;
  mintAssertion(request: MintAssertionRequest): MintedAssertion;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

/** RFC 1779-style DN (most significant last, as Java prints it). */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).reverse().join(', ');
}

function subjectOf(identificationCertificatePem: string) {
  const cert = new X509Certificate(identificationCertificatePem);
  return {
    '@_Format': SAML11.x509SubjectName,
    '@_NameQualifier': distinguishedName(cert.issuer),
    '#text': distinguishedName(cert.subject),
  };
}

export function createSimulatedIam(signer: { privateKeyPem: string; certificatePem: string }): SimulatedIam {
  return {
    certificatePem: signer.certificatePem,
    mintAssertion(request) {
      const now = new Date();
      const notBefore = request.notBefore ?? now;
      const notOnOrAfter = request.notOnOrAfter ?? new Date(notBefore.getTime() + (request.lifetimeMs ?? 3_600_000));
      const assertionId = `_${randomBytes(16).toString('hex')}`;
      const nameIdentifier = subjectOf(request.identificationCertificatePem);
      const tree = {
        'saml:Assertion': {
          '@_xmlns:saml': NS.saml11,
          '@_MajorVersion': '1',
          '@_MinorVersion': '1',
          '@_AssertionID': assertionId,
          '@_Issuer': EHEALTH_STS_ISSUER,
          '@_IssueInstant': now.toISOString(),
          'saml:Conditions': { '@_NotBefore': notBefore.toISOString(), '@_NotOnOrAfter': notOnOrAfter.toISOString() },
          'saml:AuthenticationStatement': {
            '@_AuthenticationInstant': now.toISOString(),
            '@_AuthenticationMethod': SAML11.x509Pki,
            'saml:Subject': {
              'saml:NameIdentifier': nameIdentifier,
              'saml:SubjectConfirmation': {
                'saml:ConfirmationMethod': SAML11.holderOfKey,
                'ds:KeyInfo': {
                  '@_xmlns:ds': NS.ds,
                  'ds:X509Data': { 'ds:X509Certificate': certificateBase64(request.holderOfKeyCertificatePem) },
                },
              },
            },
          },
          'saml:AttributeStatement': {
            'saml:Subject': { 'saml:NameIdentifier': nameIdentifier },
            'saml:Attribute': request.attributes.map((a) => ({
              '@_AttributeName': a.name,
              '@_AttributeNamespace': a.namespace,
              'saml:AttributeValue': a.values,
            })),
          },
        },
      };
      const unsigned = builder.build(tree) as string;
      const assertionXml = signEnvelopedElement(unsigned, {
        privateKeyPem: signer.privateKeyPem,
        certificatePem: signer.certificatePem,
        idAttribute: 'AssertionID',
        id: assertionId,
      });
      return { assertionXml, assertionId, notBefore, notOnOrAfter };
    },
  };
}

/** A simulated IAM with a fresh signing certificate issued by `ca`. */
export async function createSimulatedIamFromCa(ca: TestCa): Promise<SimulatedIam> {
  const signer = await createIamSigningCertificate(ca);
  return createSimulatedIam(signer);
}
