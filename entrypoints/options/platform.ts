/**
 * What the options page needs from the browser: privileged requests to the
 * background (answers validated with the contract) and host permissions.
 * Tests pass their own platform.
 */
import { browser } from 'wxt/browser';
import {
  PRIVILEGED_RESPONSE_SCHEMAS,
  PrivilegedFailure,
  type PrivilegedRequestInput,
  type PrivilegedResponse,
} from '../../lib/messages.ts';

export interface OptionsPlatform {
  request<R extends PrivilegedRequestInput>(req: R): Promise<PrivilegedResponse<R['type']>>;
  /** Must be called straight from a click (the browser needs a user gesture). */
  requestHostPermission(pattern: string): Promise<boolean>;
  hasHostPermission(pattern: string): Promise<boolean>;
}

/** Validates whatever came back; anything unexpected reads as an internal failure. */
export function checkedAnswer<T extends PrivilegedRequestInput['type']>(type: T, raw: unknown): PrivilegedResponse<T> {
  const ok = PRIVILEGED_RESPONSE_SCHEMAS[type].safeParse(raw);
  if (ok.success) return ok.data as PrivilegedResponse<T>;
  const failure = PrivilegedFailure.safeParse(raw);
  if (failure.success) return failure.data;
  return { ok: false, error: { code: 'internal', message: 'unexpected answer from the background' } };
}

export function browserPlatform(): OptionsPlatform {
  return {
    async request<R extends PrivilegedRequestInput>(req: R): Promise<PrivilegedResponse<R['type']>> {
      try {
        return checkedAnswer<R['type']>(req.type, await browser.runtime.sendMessage(req));
      } catch {
        return { ok: false, error: { code: 'internal', message: 'the background did not answer' } };
      }
    },
    requestHostPermission: (pattern) => browser.permissions.request({ origins: [pattern] }).catch(() => false),
    hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }).catch(() => false),
  };
}
