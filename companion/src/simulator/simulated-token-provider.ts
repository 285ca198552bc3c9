/**
 * SIMULATOR SEAM. A TokenProvider that mints holder-of-key assertions
 * in-process with the simulated IAM instead of asking the eHealth STS. It
 * exists so that the demo and the tests run the real hub-client code path
 * (assertion splice, HOK signature) until the STS client of issue 6 lands;
 * it must never be wired to real hub endpoints (the simulated hubs are the
 * only services that trust its IAM key).
 */
import type { HolderOfKey, SamlToken, TokenProvider } from '../token-provider.ts';
import { TokenError } from '../token-provider.ts';
import { pharmacyAttributes, type PharmacyProfile, type SimulatedIam } from './iam.ts';

export interface SimulatedTokenProviderOptions {
  iam: SimulatedIam;
  holderOfKey: HolderOfKey;
  /** The titular pharmacist's certificate (names the assertion subject). */
  identificationCertificatePem: string;
  profile: PharmacyProfile;
  /** Default 1 hour. */
  lifetimeMs?: number;
  /** For tests. */
  now?: () => Date;
}

export interface SimulatedTokenProvider extends TokenProvider {
  /** How many assertions were minted (cache behaviour in tests). */
  readonly mintedCount: number;
}

export function createSimulatedTokenProvider(options: SimulatedTokenProviderOptions): SimulatedTokenProvider {
  const now = options.now ?? (() => new Date());
  let cached: SamlToken | undefined;
  let minted = 0;

  const stillFresh = (token: SamlToken): boolean => {
    // Reuse while more than half of the lifetime remains (§5).
    const half = token.notBefore.getTime() + (token.notOnOrAfter.getTime() - token.notBefore.getTime()) / 2;
    return now().getTime() < half;
  };

  return {
    get mintedCount() {
      return minted;
    },
    async getToken(signal) {
      if (signal?.aborted) throw new TokenError('sts-unreachable', 'token request aborted');
      if (!cached || !stillFresh(cached)) {
        const issued = options.iam.mintAssertion({
          holderOfKeyCertificatePem: options.holderOfKey.certificatePem,
          identificationCertificatePem: options.identificationCertificatePem,
          attributes: pharmacyAttributes(options.profile),
          notBefore: now(),
          lifetimeMs: options.lifetimeMs ?? 3_600_000,
        });
        minted++;
        cached = {
          assertionXml: issued.assertionXml,
          assertionId: issued.assertionId,
          notBefore: issued.notBefore,
          notOnOrAfter: issued.notOnOrAfter,
        };
      }
      return { token: cached, holderOfKey: options.holderOfKey };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
