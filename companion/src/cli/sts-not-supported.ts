/**
 * The token provider used against the real hubs until the eHealth STS client
 * exists (its own issue): it refuses plainly instead of pretending, so every
 * real hub call comes back typed `auth-failed`/`not-supported` by the hub
 * client and doctor shows a warning.
 */
import { TokenError, type TokenProvider } from '../token-provider.ts';

export const STS_NOT_SUPPORTED_MESSAGE =
  'obtaining the eHealth SAML token from the STS is not supported yet, so calls to the real hubs cannot be authenticated';

export function createStsNotSupportedTokenProvider(): TokenProvider {
  return {
    async getToken() {
      throw new TokenError('not-supported', STS_NOT_SUPPORTED_MESSAGE);
    },
    invalidate() {},
  };
}
