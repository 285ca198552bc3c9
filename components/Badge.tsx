/**
 * The Vaccicard status badge: spinner while the lookup runs, a green disc with
 * a check mark when it succeeded (with the cache age when stale), a cross with
 * the reason in words when it failed. It renders only a LookupStatus, which
 * holds no patient data. `role="status"` makes screen readers announce changes.
 *
 * Stable markup for tests: `data-state`, `data-reason` (errors), `data-hub`
 * (when only one hub failed), `data-stale` (ok from cache). What it shows is
 * decided in badge-view.ts, shared with the content script's DOM rendering.
 */
import type { LookupStatus } from '../lib/messages.ts';
import { BADGE_ICON_VIEWBOX, BADGE_ICONS, badgeView, type BadgeVariant } from './badge-view.ts';
import { useOverlayStrings } from './overlay-i18n.tsx';

export function Badge(props: { status: LookupStatus; variant?: BadgeVariant }) {
  const view = badgeView(props.status, useOverlayStrings(), props.variant);
  return (
    <div
      class={view.className}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={view.region}
      title={view.spoken}
      data-state={view.state}
      data-reason={view.reason}
      data-hub={view.hub}
      data-stale={view.stale}
    >
      <BadgeIcon state={view.state} />
      {view.visible ? (
        <span class="vc-badge__text" aria-hidden="true">
          {view.visible}
        </span>
      ) : null}
      <span class="vc-sr-only">{view.spoken}</span>
    </div>
  );
}

function BadgeIcon(props: { state: LookupStatus['state'] }) {
  const icon = BADGE_ICONS[props.state];
  return (
    <svg class={icon.className} viewBox={BADGE_ICON_VIEWBOX} aria-hidden="true" focusable="false">
      {icon.shapes.map((shape) => {
        const Tag = shape.tag;
        return <Tag {...Object.fromEntries(shape.attrs)} />;
      })}
    </svg>
  );
}
