import { SECRET_HEADER } from '../../../lib/companion/contract.ts';
import { secretsMatch } from '../pairing/compare.ts';
import type { IncomingMessage } from 'node:http';

export type SecretCheck = 'absent' | 'valid' | 'invalid';

/** The `X-Companion-Secret` header, compared in constant time. */
export function checkSecret(req: IncomingMessage, expected: string): SecretCheck {
  const presented = req.headers[SECRET_HEADER];
  if (presented === undefined) return 'absent';
  if (typeof presented !== 'string') return 'invalid';
  return secretsMatch(presented, expected) ? 'valid' : 'invalid';
}
