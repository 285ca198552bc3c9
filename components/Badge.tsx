/**
 * The Vaccicard status badge: spinner while the lookup runs, a green disc with
 * a check mark when it succeeded (with the cache age when stale), a cross with
 * the reason in words when it failed. It renders only a LookupStatus, which
 * holds no patient data. `role="status"` makes screen readers announce changes.
 *
 * Stable markup for tests: `data-state`, `data-reason` (errors), `data-hub`
 * (when only one hub failed), `data-stale` (ok from cache).
 */
import type { LookupStatus } from '../lib/messages.ts';
import { ageText, reasonKey, statusText } from '../lib/i18n/strings/common.ts';
import { useStrings } from './i18n.tsx';

/**
 * `compact` (default): beside the host page's word "Vaccicard", an icon and only
 * what needs words (stale age, failure reason). `labelled`: on its own (side
 * panel), the whole status sentence is visible.
 */
export function Badge(props: { status: LookupStatus; variant?: 'compact' | 'labelled' }) {
  const { status } = props;
  const { t, tc } = useStrings();
  const spoken = statusText(tc, status);
  const visible = props.variant === 'labelled' ? spoken : visibleText(status, t, tc);
  return (
    <div
      class={`vc-badge vc-badge--${status.state}${status.state === 'ok' && status.stale ? ' vc-badge--stale' : ''}${
        props.variant === 'labelled' ? ' vc-badge--labelled' : ''
      }`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={t('badge.region')}
      title={spoken}
      data-state={status.state}
      data-reason={status.state === 'error' ? status.reason : undefined}
      data-hub={status.state === 'error' ? status.hub : undefined}
      data-stale={status.state === 'ok' && status.stale ? 'true' : undefined}
    >
      <BadgeIcon state={status.state} />
      {visible ? (
        <span class="vc-badge__text" aria-hidden="true">
          {visible}
        </span>
      ) : null}
      <span class="vc-sr-only">{spoken}</span>
    </div>
  );
}

function visibleText(
  status: LookupStatus,
  t: ReturnType<typeof useStrings>['t'],
  tc: ReturnType<typeof useStrings>['tc'],
): string | undefined {
  switch (status.state) {
    case 'idle':
    case 'loading':
      return undefined;
    case 'ok':
      return status.stale ? t('badge.stale', { age: ageText(tc, status.stale.ageMs) }) : undefined;
    case 'error': {
      const reason = tc(reasonKey(status.reason));
      return status.hub
        ? t('badge.hubFailed', { hub: t(status.hub === 'rsw' ? 'hubShort.rsw' : 'hubShort.rsb'), reason })
        : reason;
    }
  }
}

function BadgeIcon(props: { state: LookupStatus['state'] }) {
  switch (props.state) {
    case 'loading':
      return (
        <svg class="vc-badge__icon vc-badge__spinner" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" stroke-opacity="0.25" stroke-width="3" />
          <path d="M10 2.5a7.5 7.5 0 0 1 7.5 7.5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
        </svg>
      );
    case 'ok':
      return (
        <svg class="vc-badge__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="10" fill="#1e8e3e" />
          <path d="M5.5 10.5l3 3 6-6.5" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      );
    case 'error':
      return (
        <svg class="vc-badge__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="10" fill="#c5221f" />
          <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
        </svg>
      );
    case 'idle':
      return (
        <svg class="vc-badge__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" stroke-opacity="0.4" stroke-width="2" />
        </svg>
      );
  }
}
