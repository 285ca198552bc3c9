/**
 * The privileged requests of the extension pages (sender already checked by
 * the router): settings, pairing secret, connection test, cache.
 * The pairing secret goes in, never out: only its fingerprint is answered.
 */
import { pairingFingerprint } from '../companion/fingerprint.ts';
import type { ConsultCache } from '../cache/consult-cache.ts';
import type {
  ConnectionReport,
  PairingStatus,
  PrivilegedErrorCode,
  PrivilegedFailure,
  PrivilegedRequest,
  PrivilegedResponses,
  RegistrationRequest,
} from '../messages.ts';
import type { Settings } from '../settings/schema.ts';
import { isWellFormedPairingSecret, type SecretStore } from '../settings/secret-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { BackgroundLog } from './log.ts';

export interface PrivilegedDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  cache: ConsultCache;
  testConnection: (input: { companionUrl: string; secret?: string }) => Promise<ConnectionReport>;
  /** After a successful save (content-script registration, permission clean-up, purge). */
  afterSettingsSaved?: (before: Settings, after: Settings) => Promise<void>;
  log: BackgroundLog;
}

/** The requests answered here; registration requests go to the registration service (router.ts). */
export type SettingsRequest = Exclude<PrivilegedRequest, RegistrationRequest>;

type Answer = PrivilegedResponses[SettingsRequest['type']] | PrivilegedFailure;

export function failure(
  code: PrivilegedErrorCode,
  message: string,
  issues?: Array<{ path: string; message: string }>,
): PrivilegedFailure {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

export function createPrivilegedHandler(deps: PrivilegedDeps): (req: SettingsRequest) => Promise<Answer> {
  async function pairingStatus(): Promise<PairingStatus> {
    const secret = await deps.secrets.get().catch(() => undefined);
    return secret ? { paired: true, fingerprint: await pairingFingerprint(secret) } : { paired: false };
  }

  async function storedSecret(): Promise<string | undefined> {
    return deps.secrets.get().catch(() => undefined);
  }

  return async (req) => {
    switch (req.type) {
      case 'settings:get':
        return { ok: true, settings: await deps.settings.get(), pairing: await pairingStatus() };

      case 'settings:save': {
        const secret = req.pairingSecret?.trim();
        if (secret && !isWellFormedPairingSecret(secret)) {
          return failure('invalid', 'the pairing secret is not one the companion issues', [
            { path: 'pairingSecret', message: 'pairing-secret:malformed' },
          ]);
        }
        const before = await deps.settings.get();
        if (req.settings) {
          const saved = await deps.settings.save(req.settings);
          if (!saved.ok) return failure('invalid', 'some settings are not valid', saved.issues);
        }
        if (secret) {
          try {
            await deps.secrets.set(secret);
          } catch {
            deps.log.problem('pairing-secret-not-stored');
            return failure('unavailable', 'the pairing secret could not be stored (IndexedDB unavailable)');
          }
        }
        const after = await deps.settings.get();
        if (deps.afterSettingsSaved) {
          await deps.afterSettingsSaved(before, after).catch(() => deps.log.problem('after-save-failed'));
        }
        return { ok: true, settings: after, pairing: await pairingStatus() };
      }

      case 'pairing:clear':
        try {
          await deps.secrets.clear();
        } catch {
          return failure('unavailable', 'the pairing secret could not be removed (IndexedDB unavailable)');
        }
        return { ok: true, pairing: await pairingStatus() };

      case 'connection:test': {
        const settings = await deps.settings.get();
        const override = req.pairingSecret?.trim();
        const secret = override ? override : await storedSecret();
        const report = await deps.testConnection({
          companionUrl: req.companionUrl?.trim() ? req.companionUrl.trim() : settings.companionUrl,
          ...(secret ? { secret } : {}),
        });
        return { ok: true, report };
      }

      case 'cache:clear': {
        const r = await deps.cache.clearAll();
        if (!r.ok) return failure('unavailable', 'the cache could not be cleared (IndexedDB unavailable)');
        return { ok: true, removed: r.count };
      }

      case 'cache:info': {
        const r = await deps.cache.count();
        return r.ok ? { ok: true, available: true, entries: r.count } : { ok: true, available: false, entries: 0 };
      }
    }
  };
}
