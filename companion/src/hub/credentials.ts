/**
 * The eHealth token and holder-of-key a hub call is signed with, from the
 * token provider, for the consultation and the registration calls alike. A
 * provider failure becomes a typed HubError (never a throw): the STS out of
 * reach is `unreachable`, a provider that cannot work yet `not-supported`,
 * anything else `auth-failed`.
 */
import type { HubError } from '../../../lib/companion/contract.ts';
import { TokenError, type HolderOfKey, type SamlToken, type TokenProvider } from '../token-provider.ts';
import type { TaskOutcome } from './concurrency.ts';

export interface Credentials {
  token: SamlToken;
  holderOfKey: HolderOfKey;
}

export async function hubCredentials(tokenProvider: TokenProvider, signal: AbortSignal): Promise<TaskOutcome<Credentials, HubError>> {
  try {
    return { ok: true, value: await tokenProvider.getToken(signal) };
  } catch (error) {
    if (error instanceof TokenError) {
      const code = error.code === 'not-supported' ? 'not-supported' : error.code === 'sts-unreachable' ? 'unreachable' : 'auth-failed';
      return { ok: false, error: { code, message: `eHealth token: ${error.message}`.slice(0, 1000) } };
    }
    return { ok: false, error: { code: 'auth-failed', message: 'eHealth token could not be obtained' } };
  }
}
