/**
 * The history panel on the host page: an iframe of the extension page
 * `panel.html` (the host page's scripts cannot read into it), inside a
 * `<vaccicard-panel>` shadow root so the host's CSS cannot resize it. The
 * panel gets its data from the background over its own port, never through
 * this content script. Placed in the host's right-hand column, or floating
 * on the right with a hide/show toggle.
 */
import { browser } from 'wxt/browser';
import { translator, type Lang } from '../../lib/i18n/translate.ts';
import { overlayStrings } from '../../lib/i18n/strings/overlay.ts';
import { EXTENSION_PAGES } from '../../lib/extension-ports.ts';

/**
 * The host rules are !important: for important declarations the shadow tree's
 * own styles win over the host page's (even its inline !important ones), so a
 * page that hides, shrinks or moves unknown elements cannot hide the panel.
 */
const CSS = `
:host { all: initial !important; display: block !important; }
:host([data-floating]) { position: fixed !important; top: 64px !important; right: 12px !important; bottom: 12px !important; width: 400px !important; max-width: calc(100vw - 24px) !important; z-index: 2147483646 !important; }
:host(:not([data-floating])) { width: 100% !important; height: min(78vh, 760px) !important; min-height: 420px !important; }
.frame { box-sizing: border-box; width: 100%; height: 100%; border: 1px solid #d0d7de; border-radius: 8px; background: #fff; box-shadow: 0 4px 16px rgba(0,0,0,.12); overflow: hidden; }
:host(:not([data-floating])) .frame { box-shadow: none; }
iframe { display: block; width: 100%; height: 100%; border: 0; }
.toggle { display: none; position: absolute; top: -34px; right: 0; font: 600 13px/1 system-ui, sans-serif; padding: 8px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; color: #1f2328; cursor: pointer; }
:host([data-floating]) .toggle { display: block; }
.toggle:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
:host([data-collapsed]) .frame { display: none; }
:host([data-collapsed]) { bottom: auto !important; }
`;

/** The longest the panel page waits for the page's next frame (a hidden tab renders none). */
const FRAME_WAIT_MS = 100;

/**
 * Runs `run` once the page has rendered its next frame, or after FRAME_WAIT_MS.
 * Creating the panel's iframe (an extension page in another process) in the
 * same task as the badge held the page's first frame back by ~50 ms here.
 */
function afterNextFrame(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, FRAME_WAIT_MS);
}

export class PanelFrame {
  private host: HTMLElement | undefined;
  private frameBox: HTMLElement | undefined;
  private toggle: HTMLButtonElement | undefined;
  /** Bumped by every showFresh and remove: a panel page created for an older one is never shown. */
  private generation = 0;
  private readonly t;

  constructor(lang: Lang) {
    this.t = translator(overlayStrings, lang);
  }

  /**
   * Shows a fresh panel page (a new patient never sees the previous page's
   * DOM): the previous page goes at once, the new one is created once the
   * host page has rendered its next frame, so the badge is not held back.
   */
  showFresh(slot: Element | undefined): void {
    this.ensure();
    this.place(slot);
    this.frameBox!.replaceChildren();
    const generation = ++this.generation;
    afterNextFrame(() => {
      if (generation === this.generation && this.frameBox) this.frameBox.replaceChildren(this.createIframe());
    });
  }

  place(slot: Element | undefined): void {
    const host = this.host;
    if (!host) return;
    if (slot && slot.isConnected) {
      host.removeAttribute('data-floating');
      host.removeAttribute('data-collapsed');
      if (host.parentNode !== slot) slot.append(host);
    } else {
      host.setAttribute('data-floating', '');
      const body = document.body ?? document.documentElement;
      if (host.parentNode !== body) body.append(host);
    }
  }

  get shown(): boolean {
    return this.host !== undefined;
  }

  remove(): void {
    this.generation++;
    this.host?.remove();
    this.host = undefined;
    this.frameBox = undefined;
    this.toggle = undefined;
  }

  private createIframe(): HTMLIFrameElement {
    const iframe = document.createElement('iframe');
    iframe.src = browser.runtime.getURL(EXTENSION_PAGES.panel);
    iframe.title = this.t('frame.title');
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    return iframe;
  }

  private ensure(): void {
    if (this.host) return;
    const host = document.createElement('vaccicard-panel');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CSS;
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    toggle.textContent = this.t('frame.hide');
    toggle.setAttribute('aria-expanded', 'true');
    toggle.addEventListener('click', () => {
      const collapsed = host.toggleAttribute('data-collapsed');
      toggle.textContent = this.t(collapsed ? 'frame.show' : 'frame.hide');
      toggle.setAttribute('aria-expanded', String(!collapsed));
    });
    const frameBox = document.createElement('div');
    frameBox.className = 'frame';
    shadow.append(style, toggle, frameBox);
    this.host = host;
    this.frameBox = frameBox;
    this.toggle = toggle;
  }
}
