import type { CertificateStatus } from '../../../lib/companion/contract.ts';
import type { TokenProvider } from '../token-provider.ts';
import type { ConsultUpstream } from '../upstream.ts';

/** An upstream ready to serve, with what `start` should tell the user about it. */
export interface RunningUpstream {
  upstream: ConsultUpstream;
  tokenProvider: TokenProvider;
  /** Lines for the start banner (already translated). */
  banner: string[];
  certificates?: (signal: AbortSignal) => Promise<CertificateStatus[]>;
  close(): Promise<void>;
}

/** Why an upstream could not be built: shown to the user, with an exit code. */
export class UpstreamSetupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'UpstreamSetupError';
  }
}
