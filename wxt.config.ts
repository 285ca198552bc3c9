import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ACTIVATABLE_HOST_PATTERNS, ALWAYS_ACTIVE_PATTERNS } from './lib/settings/host-pattern.ts';
import { DEMO_BUILD_MODE, DEMO_EXTENSION_PUBLIC_KEY } from './demo/extension-key.ts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: lib/ is shared with the Node companion.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // Store archives (`npm run zip`): the sources archive (for Firefox review) holds only
  // what rebuilds the extension: no tests, benchmarks, companion, docs or logs.
  // test/e2e/store-archives.test.ts checks both archives.
  zip: {
    excludeSources: [
      'test/**',
      'test-results/**',
      'companion/**',
      'bench/**',
      'docs/**',
      'scripts/**',
      'demo/*/**',
      'demo/!(extension-key.ts)',
      '.ci/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/*.log',
      'vitest.config.ts',
    ],
  },
  hooks: {
    // Content scripts use only synchronous extension APIs: they get the browser's own API
    // object instead of webextension-polyfill (see entrypoints/eform.content/browser-without-polyfill.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const native = fileURLToPath(new URL('./entrypoints/eform.content/browser-without-polyfill.ts', import.meta.url));
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        for (const a of alias as { find: unknown; replacement: string }[]) if (a.find === 'wxt/browser') a.replacement = native;
      } else if (alias && typeof alias === 'object') {
        (alias as Record<string, string>)['wxt/browser'] = native;
      }
    },
  },
  manifest: ({ browser, mode, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings (local) and tab sessions (session); alarms: cache purge;
    // scripting: the e-Form content script registered for the hosts activated in the options page.
    permissions: ['storage', 'alarms', 'scripting'],
    // The companion (127.0.0.1 / localhost, any port) and the demo e-Form.
    host_permissions: [...ALWAYS_ACTIVE_PATTERNS],
    // Host pages are activated at run time, one host at a time (permissions.request from the options page).
    ...(manifestVersion === 3
      ? { optional_host_permissions: [...ACTIVATABLE_HOST_PATTERNS] }
      : { optional_permissions: [...ACTIVATABLE_HOST_PATTERNS] }),
    // The in-page history panel is an extension page framed by the e-Form content script, on the
    // demo hosts and on any host activated at run time (which one cannot be known at build time).
    web_accessible_resources: [
      { resources: ['panel.html'], matches: [...ALWAYS_ACTIVE_PATTERNS, ...ACTIVATABLE_HOST_PATTERNS] },
    ],
    // The toolbar button opens the side panel (Chrome/Edge) or the sidebar (Firefox): see lib/background/toolbar-action.ts.
    action: {
      default_title: '__MSG_extName__',
      default_icon: { '16': 'icon/16.png', '32': 'icon/32.png', '48': 'icon/48.png', '128': 'icon/128.png' },
    },
    // Demo and test builds only (`wxt build --mode demo`): a fixed extension id; see demo/extension-key.ts.
    ...(mode === DEMO_BUILD_MODE && browser !== 'firefox' ? { key: DEMO_EXTENSION_PUBLIC_KEY } : {}),
  }),
});
