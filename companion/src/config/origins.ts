/**
 * Which `Origin` header values the local API accepts. A request without an
 * `Origin` header (a command-line tool, a test) is judged by the Host rule and
 * the pairing secret alone; a request with one must match this policy.
 */
import { isExtensionOrigin } from './schema.ts';

export type OriginPolicy =
  /** Exactly these extension origins. */
  | { kind: 'list'; origins: readonly string[] }
  /**
   * Any well-formed extension origin (`chrome-extension://<32 a-p>`,
   * `moz-extension://<uuid>`): the simulator's demo default only, where the
   * data is synthetic and the pairing secret still guards every operation.
   */
  | { kind: 'any-extension' };

export function isOriginAllowed(policy: OriginPolicy, origin: string): boolean {
  if (policy.kind === 'any-extension') return isExtensionOrigin(origin);
  return policy.origins.includes(origin);
}

export function describeOriginPolicy(policy: OriginPolicy): string[] {
  return policy.kind === 'any-extension' ? ['chrome-extension://*', 'moz-extension://*'] : [...policy.origins];
}

export const ALLOWED_ORIGINS_ENV = 'COMPANION_ALLOWED_ORIGINS';

/** `COMPANION_ALLOWED_ORIGINS`: comma-separated; blanks ignored. */
export function parseOriginList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
