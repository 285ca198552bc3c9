/**
 * The overlay on one host page: reads the page with the adapters, tells the
 * background which patient is shown (the lookup starts at once), shows the
 * badge and the history panel, and follows patient changes without reload:
 * the old lookup is abandoned (new port), the old panel page is thrown away,
 * nothing of the old patient stays on screen.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPage, readingKey, type PageReading } from '../../lib/adapters/index.ts';
import type { ContentToBackground, LookupStatus } from '../../lib/messages.ts';
import { readRuntimeLastError } from '../../components/last-error.ts';
import { uiLanguage } from '../../components/ui-language.ts';
import { BadgeLink } from './badge-link.ts';
import { BadgeUi } from './badge-ui.ts';
import { PanelFrame } from './panel-frame.ts';
import { watchPage } from './page-watcher.ts';

export function startOverlay(ctx: ContentScriptContext): void {
  const lang = uiLanguage();
  const badge = new BadgeUi(lang);
  const panel = new PanelFrame(lang);
  /** Statuses from the background apply only while a lookup of this page's patient runs. */
  let followBackground = false;
  let lastKey: string | undefined;
  let lastPatient: string | undefined;

  const link = new BadgeLink({
    connect: (name) => browser.runtime.connect({ name }),
    isValid: () => ctx.isValid,
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    readLastError: readRuntimeLastError,
    onStatus: (status: LookupStatus) => {
      if (followBackground && badge.shown) badge.update(status);
    },
  });

  const showLocalError = (reading: PageReading & { badgeAnchor?: Element }, status: LookupStatus) => {
    followBackground = false;
    panel.remove();
    badge.show(status, reading.badgeAnchor);
  };

  const clearAll = () => {
    followBackground = false;
    badge.remove();
    panel.remove();
  };

  const apply = () => {
    if (ctx.isInvalid) return;
    const reading = readPage(document, new URL(location.href));
    const key = readingKey(reading);
    if (key === lastKey) {
      // Same reading: only keep the UI where the page wants it (its header may have re-rendered).
      if (reading.kind !== 'nothing') {
        badge.place(reading.badgeAnchor);
        if (reading.kind === 'patient') panel.place(reading.panelSlot);
      }
      return;
    }
    const hadSomething = lastKey !== undefined;
    lastKey = key;

    switch (reading.kind) {
      case 'patient': {
        const message: ContentToBackground = {
          type: 'page:patient',
          adapterId: reading.adapterId,
          entryPath: reading.entryPath,
          insz: reading.insz,
          own: reading.own,
        };
        if (reading.insz === lastPatient && followBackground) {
          // Same patient, other details (own lines, entry path): no need to hide anything.
          link.update(message);
          badge.place(reading.badgeAnchor);
          panel.place(reading.panelSlot);
          return;
        }
        lastPatient = reading.insz;
        followBackground = true;
        badge.show({ state: 'loading' }, reading.badgeAnchor);
        panel.remove();
        link.start(message);
        panel.showFresh(reading.panelSlot);
        return;
      }
      case 'no-patient':
      case 'nothing':
        lastPatient = undefined;
        clearAll();
        if (hadSomething) link.start({ type: 'page:cleared', reason: 'no-patient' });
        return;
      case 'invalid-insz':
        lastPatient = undefined;
        showLocalError(reading, { state: 'error', reason: 'invalid-insz' });
        link.start({ type: 'page:cleared', reason: 'no-patient' });
        return;
      case 'not-recognised':
        lastPatient = undefined;
        showLocalError(reading, { state: 'error', reason: 'page-not-recognised' });
        link.start({ type: 'page:cleared', reason: 'page-not-recognised' });
        return;
    }
  };

  const safeApply = () => {
    try {
      apply();
    } catch {
      // Never throw into the host page; show that something is wrong instead.
      try {
        followBackground = false;
        panel.remove();
        badge.show({ state: 'error', reason: 'page-not-recognised' }, undefined);
      } catch {
        // nothing more can be done
      }
    }
  };

  const stopWatching = watchPage(document, window, safeApply, {
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (fn, ms) => ctx.setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id),
  });
  ctx.addEventListener(window, 'wxt:locationchange', safeApply);
  ctx.onInvalidated(() => {
    stopWatching();
    link.stop();
    clearAll();
  });
  safeApply();
}
