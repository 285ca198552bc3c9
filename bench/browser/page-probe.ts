/**
 * BENCH ONLY: installed with Playwright's `addInitScript` in every frame
 * before any page script runs (never part of the extension's bundles). It
 * records, as epoch milliseconds from the page's own high-resolution clock
 * (`performance.timeOrigin + performance.now()`), with `Date.now()` beside it
 * to check clock agreement between processes:
 * - in the host page: when the badge's shadow root first holds `.vc-badge`
 *   (a MutationObserver: the moment the content script's task that added it
 *   ends), its state then, and the next animation frame (the first paint that
 *   can show it); and the page's own first animation frame after
 *   DOMContentLoaded (the page is not on screen before it either);
 * - in the extension's panel frame: when `.vc-history` first has a settled
 *   `data-status` (not `loading`), and the next animation frame.
 * DOMContentLoaded is read afterwards from the navigation timing entry.
 *
 * Plain JavaScript text on purpose: a function would be serialised from the
 * TypeScript loader's output, which may call helpers the page does not have.
 */
export interface ProbeMarks {
  badge?: number;
  badgeDateNow?: number;
  badgeState?: string | null;
  badgeFrame?: number;
  history?: number;
  historyDateNow?: number;
  historyStatus?: string | null;
  historyLines?: number;
  historyFrame?: number;
  /** The host page's first animation frame after its DOMContentLoaded (what the page itself waits for). */
  dclFrame?: number;
}

export const PAGE_PROBE_SCRIPT = `(() => {
  if (window.__vcBench) return;
  const marks = {};
  window.__vcBench = marks;
  const now = () => performance.timeOrigin + performance.now();
  if (location.protocol === 'chrome-extension:') {
    if (!location.pathname.endsWith('/panel.html')) return;
    const observer = new MutationObserver(() => {
      const history = document.querySelector('.vc-history');
      const status = history && history.getAttribute('data-status');
      if (!status || status === 'loading') return;
      marks.history = now();
      marks.historyDateNow = Date.now();
      marks.historyStatus = status;
      marks.historyLines = document.querySelectorAll('[data-line]').length;
      observer.disconnect();
      requestAnimationFrame(() => { marks.historyFrame = now(); });
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    return;
  }
  document.addEventListener('DOMContentLoaded', () => {
    requestAnimationFrame(() => { marks.dclFrame = now(); });
  }, { once: true });
  const observer = new MutationObserver(() => {
    const host = document.querySelector('vaccicard-badge');
    const badge = host && host.shadowRoot && host.shadowRoot.querySelector('.vc-badge');
    if (!badge) return;
    marks.badge = now();
    marks.badgeDateNow = Date.now();
    marks.badgeState = badge.getAttribute('data-state');
    observer.disconnect();
    requestAnimationFrame(() => { marks.badgeFrame = now(); });
  });
  observer.observe(document, { subtree: true, childList: true });
})();`;
