import type { CertificateStatus } from '../../../lib/companion/contract.ts';
import type { TokenProvider } from '../token-provider.ts';
import type { ConsultUpstream } from '../upstream.ts';
import type { ChannelLookup } from '../registration/channel.ts';
import type { AvailableChannels } from '../registration/routing.ts';

/** Where registrations can go with this upstream. */
export interface RegistrationUpstreams {
  channels: ChannelLookup;
  available: AvailableChannels;
  /** Extra start banner lines (already translated). */
  banner: string[];
}

/** An upstream ready to serve, with what `start` should tell the user about it. */
export interface RunningUpstream {
  upstream: ConsultUpstream;
  tokenProvider: TokenProvider;
  /** Lines for the start banner (already translated). */
  banner: string[];
  certificates?: (signal: AbortSignal) => Promise<CertificateStatus[]>;
  /** Registration channels; absent: the registration operations answer 404. */
  registration?: RegistrationUpstreams;
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
