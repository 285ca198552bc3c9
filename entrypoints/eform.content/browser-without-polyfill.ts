/**
 * `wxt/browser` for the e-Form content script: the browser's own extension
 * API object, as WXT's `@wxt-dev/browser` gives it, without
 * webextension-polyfill (about 3 KB gzip). The content script only uses
 * synchronous APIs (runtime.connect, runtime.getURL, runtime.lastError,
 * i18n.getUILanguage), for which the polyfill changes nothing; the extension
 * pages and the background keep it (their messages rely on its promises).
 * Wired in wxt.config.ts for content-script builds only.
 */
import type { browser as wxtBrowser } from 'wxt/browser';

type ExtensionApi = typeof wxtBrowser;

const globals = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser: ExtensionApi = (globals.browser?.runtime?.id ? globals.browser : globals.chrome)!;
