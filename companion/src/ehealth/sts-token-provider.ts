/**
 * The TokenProvider backed by the eHealth STS (ehealth-auth.md §5). The token
 * lives in memory only. It is reused while more than half of its lifetime
 * remains; after that the next request starts a renewal (a new Issue) in the
 * background and still gets the current token; within five minutes of
 * NotOnOrAfter it is never handed out, and callers wait for the renewal.
 * Concurrent callers share one renewal (single flight). `invalidate()` drops
 * the token after a hub refused it.
 */
import type { HolderOfKey, SamlToken, TokenProvider } from '../token-provider.ts';
import { EXPIRY_MARGIN_MS } from './assertion-check.ts';
import { requestStsToken, type StsClientOptions, type StsCredentials } from './sts-client.ts';
import { StsError } from './sts-error.ts';

export interface StsTokenProviderOptions {
  /** Opens the keystores; called on first use and again after a failure. Throws StsError. */
  loadCredentials: () => Promise<StsCredentials>;
  /** The client settings, or a function that reads them (trust anchor, profile...) on first use; throws StsError. */
  client: Omit<StsClientOptions, 'now'> | (() => Promise<Omit<StsClientOptions, 'now'>>);
  now?: () => Date;
  /** After a failed background renewal, wait this long before trying again. Default 30 s. */
  retryAfterMs?: number;
}

export interface StsTokenProviderStats {
  /** Tokens obtained from the STS. */
  issued: number;
  /** Renewals that failed. */
  failures: number;
  /** The last failure, as a problem code (never a message with data). */
  lastProblem?: string;
}

export interface StsTokenProvider extends TokenProvider {
  readonly stats: Readonly<StsTokenProviderStats>;
  /** Opens the keystores now, so a start-up can report problems at once. Throws StsError. */
  prepare(): Promise<void>;
}

function waitWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): StsError {
  return (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError' ? new StsError('sts-timeout') : new StsError('cancelled');
}

export function createStsTokenProvider(options: StsTokenProviderOptions): StsTokenProvider {
  const now = options.now ?? (() => new Date());
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const stats: StsTokenProviderStats = { issued: 0, failures: 0 };
  let credentials: StsCredentials | undefined;
  let loading: Promise<StsCredentials> | undefined;
  let clientOptions: Omit<StsClientOptions, 'now'> | undefined = typeof options.client === 'function' ? undefined : options.client;
  let cached: SamlToken | undefined;
  let inFlight: Promise<SamlToken> | undefined;
  let nextBackgroundAttempt = 0;

  const loadCredentials = (): Promise<StsCredentials> => {
    if (credentials) return Promise.resolve(credentials);
    loading ??= options.loadCredentials().then(
      (c) => {
        credentials = c;
        loading = undefined;
        return c;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  const renew = (): Promise<SamlToken> => {
    inFlight ??= (async () => {
      try {
        const creds = await loadCredentials();
        clientOptions ??= await (options.client as () => Promise<Omit<StsClientOptions, 'now'>>)();
        const token = await requestStsToken(creds, { ...clientOptions, now });
        cached = token;
        stats.issued++;
        return token;
      } catch (error) {
        stats.failures++;
        stats.lastProblem = error instanceof StsError ? error.problem : 'error';
        throw error;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const usable = (token: SamlToken, at: number) => token.notOnOrAfter.getTime() - at > EXPIRY_MARGIN_MS;
  const pastHalfLife = (token: SamlToken, at: number) =>
    at >= token.notBefore.getTime() + (token.notOnOrAfter.getTime() - token.notBefore.getTime()) / 2;

  const holderOfKey = (): HolderOfKey => ({
    privateKeyPem: credentials!.holderOfKey.privateKeyPem,
    certificatePem: credentials!.holderOfKey.certificatePem,
  });

  return {
    stats,
    async prepare() {
      await loadCredentials();
      clientOptions ??= await (options.client as () => Promise<Omit<StsClientOptions, 'now'>>)();
    },
    async getToken(signal) {
      const at = now().getTime();
      const current = cached;
      if (current && credentials && usable(current, at)) {
        if (pastHalfLife(current, at) && !inFlight && at >= nextBackgroundAttempt) {
          renew().catch(() => {
            nextBackgroundAttempt = now().getTime() + retryAfterMs;
          });
        }
        return { token: current, holderOfKey: holderOfKey() };
      }
      const token = await waitWithSignal(renew(), signal);
      return { token, holderOfKey: holderOfKey() };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
