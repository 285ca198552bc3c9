/** One `settings:save` from a section of the page, and what the section should show after it. */
import type { PairingStatus, PrivilegedRequestInput } from '../../lib/messages.ts';
import type { Settings } from '../../lib/settings/schema.ts';
import type { Issues } from './issues.ts';
import type { OptionsPlatform } from './platform.ts';

export type Saved = { settings: Settings; pairing: PairingStatus };

export type SaveResult =
  | { kind: 'saved'; value: Saved }
  | { kind: 'invalid'; issues: Issues }
  | { kind: 'unavailable' }
  | { kind: 'failed' };

export async function saveSettings(
  platform: OptionsPlatform,
  patch: Extract<PrivilegedRequestInput, { type: 'settings:save' }>['settings'],
  pairingSecret?: string,
): Promise<SaveResult> {
  const answer = await platform.request({
    type: 'settings:save',
    ...(patch ? { settings: patch } : {}),
    ...(pairingSecret ? { pairingSecret } : {}),
  });
  if (answer.ok) return { kind: 'saved', value: { settings: answer.settings, pairing: answer.pairing } };
  if (answer.error.code === 'invalid') return { kind: 'invalid', issues: answer.error.issues ?? [] };
  if (answer.error.code === 'unavailable') return { kind: 'unavailable' };
  return { kind: 'failed' };
}
