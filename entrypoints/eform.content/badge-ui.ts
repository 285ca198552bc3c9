/**
 * The badge on the host page: a `<vaccicard-badge>` element with its own
 * shadow root (style isolation both ways), placed right after the word
 * "Vaccicard", or floating top right when the page has no such word.
 * It renders a LookupStatus only: no patient data.
 */
import type { Lang } from '../../lib/i18n/translate.ts';
import type { LookupStatus } from '../../lib/messages.ts';
import { badgeView } from '../../components/badge-view.ts';
import { overlayStringsFor, type OverlayStrings } from '../../components/overlay-strings.ts';
import badgeCss from '../../components/styles/badge.css?inline';
import { BadgeDom } from './badge-dom.ts';

/**
 * Every host rule is !important: for important declarations the shadow tree's
 * own styles win over the host page's (even its inline !important ones), so
 * a page that hides, shrinks or moves unknown elements cannot hide the badge.
 */
const HOST_CSS = `:host { all: initial !important; display: inline-block !important; vertical-align: middle !important; margin-left: 8px !important; }
:host([data-floating]) { position: fixed !important; top: 8px !important; right: 8px !important; margin: 0 !important; z-index: 2147483647 !important; }`;

export class BadgeUi {
  private host: HTMLElement | undefined;
  private badge: BadgeDom | undefined;
  private readonly strings: OverlayStrings;

  constructor(lang: Lang) {
    this.strings = overlayStringsFor(lang);
  }

  show(status: LookupStatus, anchor: Element | undefined): void {
    this.ensure();
    this.place(anchor);
    this.update(status);
  }

  update(status: LookupStatus): void {
    this.badge?.update(badgeView(status, this.strings));
  }

  /** Keeps the badge next to the anchor if the host page re-rendered its header. */
  place(anchor: Element | undefined): void {
    const host = this.host;
    if (!host) return;
    if (anchor && anchor.isConnected) {
      host.removeAttribute('data-floating');
      if (anchor.nextElementSibling !== host) anchor.after(host);
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
    this.host?.remove();
    this.host = undefined;
    this.badge = undefined;
  }

  private ensure(): void {
    if (this.host) return;
    const host = document.createElement('vaccicard-badge');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${HOST_CSS}\n${badgeCss}`;
    const container = document.createElement('span');
    shadow.append(style, container);
    this.host = host;
    this.badge = new BadgeDom(container);
  }
}
