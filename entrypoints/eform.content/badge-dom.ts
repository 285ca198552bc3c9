/**
 * Renders the badge (components/badge-view.ts) with plain DOM calls, so the
 * content script carries no UI framework. The live region (`.vc-badge`, role
 * status) stays the same element across updates, as with Preact, so screen
 * readers announce each new state; test/unit/components/badge-dom.test.ts
 * shows the markup is the one components/Badge.tsx renders.
 */
import { BADGE_ICON_VIEWBOX, BADGE_ICONS, type BadgeView } from '../../components/badge-view.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttributes(el: Element, attrs: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [name, value] of attrs) {
    if (value === undefined) el.removeAttribute(name);
    else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }
}

function iconElement(state: BadgeView['state']): SVGSVGElement {
  const icon = BADGE_ICONS[state];
  const svg = document.createElementNS(SVG_NS, 'svg');
  setAttributes(svg, [
    ['class', icon.className],
    ['viewBox', BADGE_ICON_VIEWBOX],
    ['aria-hidden', 'true'],
    ['focusable', 'false'],
  ]);
  for (const shape of icon.shapes) {
    const el = document.createElementNS(SVG_NS, shape.tag);
    setAttributes(el, shape.attrs);
    svg.append(el);
  }
  return svg;
}

function textSpan(className: string, hidden: boolean): HTMLSpanElement {
  const span = document.createElement('span');
  span.setAttribute('class', className);
  if (hidden) span.setAttribute('aria-hidden', 'true');
  return span;
}

export class BadgeDom {
  private readonly root: HTMLDivElement;
  private icon: SVGSVGElement | undefined;
  private iconState: BadgeView['state'] | undefined;
  private readonly visible = textSpan('vc-badge__text', true);
  private readonly spoken = textSpan('vc-sr-only', false);

  constructor(container: Element) {
    this.root = document.createElement('div');
    container.replaceChildren(this.root);
  }

  update(view: BadgeView): void {
    setAttributes(this.root, [
      ['class', view.className],
      ['role', 'status'],
      ['aria-live', 'polite'],
      ['aria-atomic', 'true'],
      ['aria-label', view.region],
      ['title', view.spoken],
      ['data-state', view.state],
      ['data-reason', view.reason],
      ['data-hub', view.hub],
      ['data-stale', view.stale],
    ]);
    if (this.iconState !== view.state || !this.icon) {
      const icon = iconElement(view.state);
      if (this.icon) this.icon.replaceWith(icon);
      else this.root.prepend(icon);
      this.icon = icon;
      this.iconState = view.state;
    }
    if (view.visible) {
      if (this.visible.textContent !== view.visible) this.visible.textContent = view.visible;
      if (!this.visible.isConnected) this.icon.after(this.visible);
    } else {
      this.visible.remove();
    }
    if (this.spoken.textContent !== view.spoken) this.spoken.textContent = view.spoken;
    if (!this.spoken.isConnected) this.root.append(this.spoken);
  }
}
