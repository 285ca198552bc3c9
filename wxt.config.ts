import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ALWAYS_ACTIVE_PATTERNS } from './lib/settings/host-pattern.ts';
import { DEMO_BUILD_MODE, DEMO_EXTENSION_PUBLIC_KEY } from './demo/extension-key.ts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: lib/ is shared with the Node companion.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // The in-page history panel is an extension page framed by the e-Form content script.
    web_accessible_resources: [{ resources: ['panel.html'], matches: [...ALWAYS_ACTIVE_PATTERNS] }],
    // Demo and test builds only (`wxt build --mode demo`): a fixed extension id; see demo/extension-key.ts.
    ...(mode === DEMO_BUILD_MODE && browser !== 'firefox' ? { key: DEMO_EXTENSION_PUBLIC_KEY } : {}),
  }),
});
