/**
 * The idempotency key of a registration request: a UUID made by the client
 * (`crypto.randomUUID()`) once per registration, and sent again unchanged on
 * every retry, so a resent request is recognised instead of registered twice.
 * Any RFC 9562 UUID (hex digits in 8-4-4-4-12 groups, a version digit 1-8 and
 * the RFC variant); upper case is accepted and normalised to lower case, so
 * the same key always compares equal.
 */
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isIdempotencyKey(value: string): boolean {
  return UUID.test(value.toLowerCase());
}

export const IdempotencyKey = z
  .string()
  .max(36)
  .refine(isIdempotencyKey, 'an idempotency key is a UUID (8-4-4-4-12 hexadecimal digits)')
  .transform((s) => s.toLowerCase());
export type IdempotencyKey = z.output<typeof IdempotencyKey>;
