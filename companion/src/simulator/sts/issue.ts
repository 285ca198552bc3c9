/**
 * SIMULATOR ONLY. Decides what the simulated STS issues for a verified
 * request (ehealth-auth.md §8 "Simulated STS" points 2 and 4): the pharmacy
 * profile's identification claims must be present and match the
 * certificates (the SSIN claims the identification certificate's SSIN, the
 * pharmacy number the holder-of-key certificate's NIHII-PHARMACY); the
 * certified attributes come from the registry; the assertion is minted and
 * signed by the simulated IAM (iam.ts) with the UseKey certificate as holder
 * of key, for the requested lifetime capped by the simulator's maximum.
 */
import { describeCertificate } from '../../pki/certificate-info.ts';
import type { SamlAttribute } from '../../wss/saml-assertion.ts';
import { CERTIFIED_NAMESPACE, IDENTIFICATION_NAMESPACE, PHARMACY_ATTRIBUTE, type MintedAssertion, type SimulatedIam } from '../iam.ts';
import { fault, type StsFault, type StsFaultMode } from './faults.ts';
import type { IssueRequest } from './read-request.ts';
import type { PharmacyRegistry } from './registry.ts';

export const PERSON_ATTRIBUTE = {
  givenName: 'urn:be:fgov:person:ssin:ehealth:1.0:givenname',
  surname: 'urn:be:fgov:person:ssin:ehealth:1.0:surname',
} as const;

/** The identification claims eHealth requires for the pharmacy profile (§8 point 2). */
const REQUIRED_CLAIMS = [
  PHARMACY_ATTRIBUTE.certificateHolderSsin,
  PHARMACY_ATTRIBUTE.pharmacyNihii,
  PHARMACY_ATTRIBUTE.personSsin,
  PHARMACY_ATTRIBUTE.pharmacyHolderSsin,
] as const;

export interface IssueContext {
  request: IssueRequest;
  identificationCertificatePem: string;
  registry: PharmacyRegistry;
  iam: SimulatedIam;
  faultMode: StsFaultMode;
  now: Date;
  maxLifetimeMs: number;
}

export type IdentityCheck = { ok: true } | { ok: false; fault: StsFault };

/** The checks that do not depend on the challenge: run before a challenge is sent. */
export function checkClaimsAgainstCertificates(request: IssueRequest, identificationCertificatePem: string): IdentityCheck {
  const identification = describeCertificate(identificationCertificatePem).ehealthIdentifier;
  if (identification?.type !== 'SSIN') {
    return { ok: false, fault: fault.authentication('identification needs a personal eHealth certificate (SSIN=...) of the titular pharmacist') };
  }
  for (const uri of REQUIRED_CLAIMS) {
    const values = request.claims.get(uri);
    if (!values || values.length !== 1 || values[0] === '') return { ok: false, fault: fault.client(`the claim ${uri} needs exactly one value`) };
  }
  const claim = (uri: string) => request.claims.get(uri)![0]!;
  if (claim(PHARMACY_ATTRIBUTE.certificateHolderSsin) !== identification.value || claim(PHARMACY_ATTRIBUTE.personSsin) !== identification.value) {
    return { ok: false, fault: fault.authentication('the SSIN claims do not match the identification certificate') };
  }
  const holderOfKey = describeCertificate(request.useKeyCertificatePem).ehealthIdentifier;
  if (holderOfKey?.type === 'NIHII-PHARMACY') {
    if (claim(PHARMACY_ATTRIBUTE.pharmacyNihii) !== holderOfKey.value) {
      return { ok: false, fault: fault.authentication('the pharmacy number claim does not match the holder-of-key certificate') };
    }
  } else if (holderOfKey?.type !== 'SSIN' || holderOfKey.value !== identification.value) {
    return { ok: false, fault: fault.authentication('the holder-of-key certificate must be the pharmacy certificate or the identification certificate') };
  }
  return { ok: true };
}

function attributesFor(context: IssueContext): SamlAttribute[] {
  const { request, registry } = context;
  const claim = (uri: string) => request.claims.get(uri)?.[0] ?? '';
  const out: SamlAttribute[] = [];
  // Echo every asserted identification attribute.
  for (const [uri, values] of request.claims) {
    if (values.length > 0) out.push({ name: uri, namespace: IDENTIFICATION_NAMESPACE, values: [...values] });
  }
  const pharmacyNumber = claim(PHARMACY_ATTRIBUTE.pharmacyNihii);
  const personSsin = claim(PHARMACY_ATTRIBUTE.personSsin);
  const holderSsin = claim(PHARMACY_ATTRIBUTE.pharmacyHolderSsin);
  const pharmacy = registry.pharmacy(pharmacyNumber);
  const isTitular = pharmacy !== undefined && pharmacy.titular.ssin === holderSsin && holderSsin === personSsin;
  const person = registry.person(personSsin);
  const answers: Record<string, string | undefined> = {
    [PHARMACY_ATTRIBUTE.recognisedPharmacy]: String(pharmacy?.recognised === true),
    [PHARMACY_ATTRIBUTE.isPharmacyHolder]: String(isTitular),
    [PHARMACY_ATTRIBUTE.holderNihii11]: isTitular ? pharmacy.titular.riziv : undefined,
    [PERSON_ATTRIBUTE.givenName]: person?.givenName,
    [PERSON_ATTRIBUTE.surname]: person?.surname,
  };
  for (const [uri, values] of request.claims) {
    if (values.length > 0) continue;
    const answer = answers[uri];
    if (answer !== undefined) out.push({ name: uri, namespace: CERTIFIED_NAMESPACE, values: [answer] });
  }
  const mode = context.faultMode;
  if (mode.kind === 'empty-attribute' || mode.kind === 'false-attribute') {
    const value = mode.kind === 'empty-attribute' ? '' : 'false';
    const existing = out.find((a) => a.name === mode.attribute);
    if (existing) existing.values = [value];
    else out.push({ name: mode.attribute, namespace: CERTIFIED_NAMESPACE, values: [value] });
  }
  return out;
}

export function issueAssertion(context: IssueContext): MintedAssertion {
  const now = context.now.getTime();
  const requested = context.request.requestedExpires ? context.request.requestedExpires.getTime() - now : context.maxLifetimeMs;
  let lifetime = Math.min(Math.max(requested, 60_000), context.maxLifetimeMs);
  if (context.faultMode.kind === 'short-lived') lifetime = context.faultMode.lifetimeMs;
  return context.iam.mintAssertion({
    holderOfKeyCertificatePem: context.request.useKeyCertificatePem,
    identificationCertificatePem: context.identificationCertificatePem,
    attributes: attributesFor(context),
    notBefore: context.now,
    notOnOrAfter: new Date(now + lifetime),
  });
}
