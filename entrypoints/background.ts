import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { backgroundApiFromBrowser } from '../lib/background/browser-api.ts';
import { startBackgroundServices } from '../lib/background/services.ts';
import { createSettingsStore } from '../lib/settings/settings-store.ts';

export default defineBackground(() => {
  startBackgroundServices({
    api: backgroundApiFromBrowser(browser),
    settings: createSettingsStore(),
  });
});
