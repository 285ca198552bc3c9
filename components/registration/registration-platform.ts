/**
 * How the registration UI talks to the background: privileged requests with
 * `runtime.sendMessage` (answers validated with the contract), and opening
 * the options page. Tests pass their own platform.
 */
import { browser } from 'wxt/browser';
import {
  PRIVILEGED_RESPONSE_SCHEMAS,
  PrivilegedFailure,
  type PrivilegedRequestInput,
  type PrivilegedResponse,
} from '../../lib/messages.ts';

type RegistrationRequestInput = Extract<PrivilegedRequestInput, { type: `registration:${string}` }>;

export interface RegistrationPlatform {
  request<R extends RegistrationRequestInput>(req: R): Promise<PrivilegedResponse<R['type']>>;
  openOptions(): void;
}

/** The background did not answer (its service worker stopped mid-request): the same request may be sent again. */
export const NO_ANSWER = 'the background did not answer';

export function checkedRegistrationAnswer<T extends RegistrationRequestInput['type']>(type: T, raw: unknown): PrivilegedResponse<T> {
  const ok = PRIVILEGED_RESPONSE_SCHEMAS[type].safeParse(raw);
  if (ok.success) return ok.data as PrivilegedResponse<T>;
  const failure = PrivilegedFailure.safeParse(raw);
  if (failure.success) return failure.data;
  return { ok: false, error: { code: 'internal', message: raw === undefined ? NO_ANSWER : 'unexpected answer from the background' } };
}

export function browserRegistrationPlatform(): RegistrationPlatform {
  return {
    async request<R extends RegistrationRequestInput>(req: R): Promise<PrivilegedResponse<R['type']>> {
      try {
        return checkedRegistrationAnswer<R['type']>(req.type, await browser.runtime.sendMessage(req));
      } catch {
        return { ok: false, error: { code: 'internal', message: NO_ANSWER } };
      }
    },
    openOptions() {
      void browser.runtime.openOptionsPage().catch(() => undefined);
    },
  };
}

/**
 * Sends a request, and sends it again (unchanged) while the background gave
 * no answer at all, a few times: a submission carries its submission id, so a
 * repeated one is recognised and never registered twice.
 */
export async function requestWithRetry<R extends RegistrationRequestInput>(
  platform: RegistrationPlatform,
  req: R,
  opts: { tries?: number; waitMs?: number } = {},
): Promise<PrivilegedResponse<R['type']>> {
  const tries = opts.tries ?? 3;
  for (let i = 1; ; i++) {
    const answer = await platform.request(req);
    const unanswered = !answer.ok && answer.error.code === 'internal' && answer.error.message === NO_ANSWER;
    if (!unanswered || i >= tries) return answer;
    await new Promise((r) => setTimeout(r, (opts.waitMs ?? 400) * i));
  }
}
