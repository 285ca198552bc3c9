/**
 * Where the settings live: `storage.local`, under one versioned item defined
 * here once. Reading is lenient (settingsFromStored); writing always
 * validates the whole result. Browser-edge file (WXT storage).
 */
import { storage } from 'wxt/utils/storage';
import {
  SETTINGS_VERSION,
  applySettingsPatch,
  settingsFromStored,
  type ApplyPatchResult,
  type Settings,
} from './schema.ts';

export const settingsItem = storage.defineItem<Record<string, unknown>>('local:settings', {
  fallback: {},
  version: SETTINGS_VERSION,
});

export interface SettingsStore {
  get(): Promise<Settings>;
  /** Validates `patch` merged over the current settings; stores only a valid whole. */
  save(patch: unknown): Promise<ApplyPatchResult>;
  /** Called after every change (from any context). Returns the unwatch function. */
  watch(onChange: (settings: Settings) => void): () => void;
}

export function createSettingsStore(): SettingsStore {
  return {
    async get() {
      return settingsFromStored(await settingsItem.getValue());
    },
    async save(patch) {
      const current = settingsFromStored(await settingsItem.getValue());
      const result = applySettingsPatch(current, patch);
      if (result.ok) await settingsItem.setValue({ ...result.value });
      return result;
    },
    watch(onChange) {
      return settingsItem.watch((value) => onChange(settingsFromStored(value)));
    },
  };
}
