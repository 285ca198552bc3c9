/**
 * What the Vaccicard status badge shows for a LookupStatus, as plain data:
 * its classes and data attributes, its icon's shapes, the visible words and
 * the sentence screen readers announce. Rendered by Badge.tsx (Preact: the
 * side panel) and by the e-Form content script's badge-dom.ts (plain DOM, so
 * the content script carries no UI framework); test/unit/components shows
 * both give the same markup.
 */
import type { LookupStatus } from '../lib/messages.ts';
import { ageText, reasonKey, statusText } from '../lib/i18n/strings/common.ts';
import type { OverlayStrings } from './overlay-strings.ts';

export type BadgeVariant = 'compact' | 'labelled';

export interface BadgeView {
  className: string;
  state: LookupStatus['state'];
  reason?: string;
  hub?: string;
  stale?: 'true';
  /** `aria-label` of the live region. */
  region: string;
  /** The whole status sentence (tooltip and screen readers). */
  spoken: string;
  /** Words shown beside the icon, when the state needs them. */
  visible?: string;
}

export interface SvgShape {
  tag: 'circle' | 'path';
  attrs: ReadonlyArray<readonly [name: string, value: string]>;
}

export interface BadgeIcon {
  className: string;
  shapes: readonly SvgShape[];
}

export const BADGE_ICON_VIEWBOX = '0 0 20 20';

/** The icon of each state (spinner, green check, red cross, empty circle). */
export const BADGE_ICONS: Readonly<Record<LookupStatus['state'], BadgeIcon>> = {
  loading: {
    className: 'vc-badge__icon vc-badge__spinner',
    shapes: [
      { tag: 'circle', attrs: [['cx', '10'], ['cy', '10'], ['r', '7.5'], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-opacity', '0.25'], ['stroke-width', '3']] },
      { tag: 'path', attrs: [['d', 'M10 2.5a7.5 7.5 0 0 1 7.5 7.5'], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-width', '3'], ['stroke-linecap', 'round']] },
    ],
  },
  ok: {
    className: 'vc-badge__icon',
    shapes: [
      { tag: 'circle', attrs: [['cx', '10'], ['cy', '10'], ['r', '10'], ['fill', '#1e8e3e']] },
      { tag: 'path', attrs: [['d', 'M5.5 10.5l3 3 6-6.5'], ['fill', 'none'], ['stroke', '#fff'], ['stroke-width', '2.4'], ['stroke-linecap', 'round'], ['stroke-linejoin', 'round']] },
    ],
  },
  error: {
    className: 'vc-badge__icon',
    shapes: [
      { tag: 'circle', attrs: [['cx', '10'], ['cy', '10'], ['r', '10'], ['fill', '#c5221f']] },
      { tag: 'path', attrs: [['d', 'M6.5 6.5l7 7M13.5 6.5l-7 7'], ['fill', 'none'], ['stroke', '#fff'], ['stroke-width', '2.4'], ['stroke-linecap', 'round']] },
    ],
  },
  idle: {
    className: 'vc-badge__icon',
    shapes: [{ tag: 'circle', attrs: [['cx', '10'], ['cy', '10'], ['r', '8.5'], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-opacity', '0.4'], ['stroke-width', '2']] }],
  },
};

function visibleText(status: LookupStatus, { t, tc }: OverlayStrings): string | undefined {
  switch (status.state) {
    case 'idle':
    case 'loading':
      return undefined;
    case 'ok':
      return status.stale ? t('badge.stale', { age: ageText(tc, status.stale.ageMs) }) : undefined;
    case 'error': {
      const reason = tc(reasonKey(status.reason));
      return status.hub ? t('badge.hubFailed', { hub: t(status.hub === 'rsw' ? 'hubShort.rsw' : 'hubShort.rsb'), reason }) : reason;
    }
  }
}

/**
 * `compact` (default): beside the host page's word "Vaccicard", an icon and only
 * what needs words (stale age, failure reason). `labelled`: on its own (side
 * panel), the whole status sentence is visible.
 */
export function badgeView(status: LookupStatus, strings: OverlayStrings, variant: BadgeVariant = 'compact'): BadgeView {
  const spoken = statusText(strings.tc, status);
  const stale = status.state === 'ok' && status.stale !== undefined;
  const view: BadgeView = {
    className: `vc-badge vc-badge--${status.state}${stale ? ' vc-badge--stale' : ''}${variant === 'labelled' ? ' vc-badge--labelled' : ''}`,
    state: status.state,
    region: strings.t('badge.region'),
    spoken,
  };
  if (status.state === 'error') {
    view.reason = status.reason;
    if (status.hub) view.hub = status.hub;
  }
  if (stale) view.stale = 'true';
  const visible = variant === 'labelled' ? spoken : visibleText(status, strings);
  if (visible) view.visible = visible;
  return view;
}
