/**
 * The e-Form content script (top frame only). It runs on the loopback demo
 * hosts from the manifest; the background registers the same script
 * (`content-scripts/eform.js`) for the hosts activated in the options page.
 *
 * Injected at document_start so that loading and evaluating it happen while
 * the page is still being parsed; it reads the page once the DOM is complete
 * (DOMContentLoaded, after the page's own handlers on `document`), so the
 * badge is there at once instead of after document_idle's delay.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ALWAYS_ACTIVE_PATTERNS } from '../../lib/settings/host-pattern.ts';
import { startOverlay } from './overlay.ts';

export default defineContentScript({
  matches: [...ALWAYS_ACTIVE_PATTERNS],
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  main(ctx) {
    if (document.readyState !== 'loading') startOverlay(ctx);
    else ctx.addEventListener(window, 'DOMContentLoaded', () => startOverlay(ctx), { once: true });
  },
});
