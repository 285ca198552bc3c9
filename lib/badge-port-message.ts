/**
 * The e-Form content script's check of what the background posts on its
 * `badge` port: the same rules as `BadgePortMessage` in messages.ts (zod),
 * written without zod so the content script stays small and starts fast.
 * test/lib/badge-port-message.test.ts shows both accept the same values and
 * return the same data, and that the lists below match messages.ts's enums.
 */
import type { BadgePortMessage } from './messages.ts';

/** messages.ts `BadgeReason`. */
export const BADGE_REASONS: readonly string[] = [
  'no-consent',
  'no-relation',
  'excluded',
  'patient-unknown',
  'companion-down',
  'not-paired',
  'timeout',
  'hub-error',
  'invalid-insz',
  'page-not-recognised',
];

/** vaccination.ts `HubId`. */
export const HUB_ID_VALUES: readonly string[] = ['rsw', 'rsb'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readStatus(raw: unknown): BadgePortMessage['status'] | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.state) {
    case 'idle':
    case 'loading':
      return { state: raw.state };
    case 'ok': {
      if (raw.stale === undefined) return { state: 'ok' };
      const stale = raw.stale;
      if (!isRecord(stale) || !isFiniteNumber(stale.ageMs) || stale.ageMs < 0) return undefined;
      return { state: 'ok', stale: { ageMs: stale.ageMs } };
    }
    case 'error': {
      if (typeof raw.reason !== 'string' || !BADGE_REASONS.includes(raw.reason)) return undefined;
      const reason = raw.reason as Extract<BadgePortMessage['status'], { state: 'error' }>['reason'];
      if (raw.hub === undefined) return { state: 'error', reason };
      if (typeof raw.hub !== 'string' || !HUB_ID_VALUES.includes(raw.hub)) return undefined;
      return { state: 'error', reason, hub: raw.hub as 'rsw' | 'rsb' };
    }
    default:
      return undefined;
  }
}

/** The message when it is a valid `BadgePortMessage` (unknown keys dropped), else undefined. Never throws. */
export function readBadgePortMessage(raw: unknown): BadgePortMessage | undefined {
  if (!isRecord(raw) || raw.type !== 'status') return undefined;
  const status = readStatus(raw.status);
  return status ? { type: 'status', status } : undefined;
}
