/**
 * The e-Form content script (top frame only). It runs on the loopback demo
 * hosts from the manifest; the background registers the same script
 * (`content-scripts/eform.js`) for the hosts activated in the options page.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ALWAYS_ACTIVE_PATTERNS } from '../../lib/settings/host-pattern.ts';
import { startOverlay } from './overlay.ts';

export default defineContentScript({
  matches: [...ALWAYS_ACTIVE_PATTERNS],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    startOverlay(ctx);
  },
});
