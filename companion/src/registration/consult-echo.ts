/**
 * The consultation path with echo confirmation: after the hubs answered, the
 * registrations of this pharmacy that came back are marked confirmed before
 * the answer leaves (so a list asked right after shows it). A failure there
 * never changes the consultation's answer.
 */
import type { ConsultUpstream } from '../upstream.ts';
import type { RegistrationService } from './service.ts';

export function withEchoConfirmation(upstream: ConsultUpstream, service: Pick<RegistrationService, 'confirmFromConsult'>, onError: (e: unknown) => void): ConsultUpstream {
  return {
    async consult(insz, hubs, signal) {
      const results = await upstream.consult(insz, hubs, signal);
      try {
        await service.confirmFromConsult(insz, results);
      } catch (e) {
        onError(e);
      }
      return results;
    },
    probe: (signal) => upstream.probe(signal),
  };
}
