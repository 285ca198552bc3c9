import { afterEach, describe, expect, it } from 'vitest';
import { BadgeReason, type LookupStatus } from '../../../lib/messages.ts';
import { Badge } from '../../../components/Badge.tsx';
import { mount } from './render.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

function badgeOf(status: LookupStatus, lang: 'en' | 'nl' | 'fr' | 'de' = 'en'): HTMLElement {
  const el = mount(<Badge status={status} />, lang).querySelector<HTMLElement>('.vc-badge');
  if (!el) throw new Error('no badge rendered');
  return el;
}

describe('Badge', () => {
  it('is a polite live region so screen readers announce every state', () => {
    const el = badgeOf({ state: 'loading' });
    expect(el.getAttribute('role')).toBe('status');
    expect(el.getAttribute('aria-live')).toBe('polite');
    expect(el.dataset.state).toBe('loading');
    expect(el.querySelector('.vc-badge__spinner')).not.toBeNull();
    expect(el.textContent).toContain('Querying Vaccicard');
  });

  it('shows a green check when ok, with no reason attribute', () => {
    const el = badgeOf({ state: 'ok' });
    expect(el.dataset.state).toBe('ok');
    expect(el.hasAttribute('data-reason')).toBe(false);
    expect(el.hasAttribute('data-stale')).toBe(false);
    expect(el.querySelector('circle[fill="#1e8e3e"]')).not.toBeNull();
  });

  it('shows the age of a stale answer in words', () => {
    const el = badgeOf({ state: 'ok', stale: { ageMs: 12 * 60_000 + 5_000 } });
    expect(el.dataset.stale).toBe('true');
    expect(el.querySelector('.vc-badge__text')?.textContent).toBe('stale, 12 min ago');
  });

  it.each(BadgeReason.options)('states the reason %s in words on a cross', (reason) => {
    const el = badgeOf({ state: 'error', reason });
    expect(el.dataset.state).toBe('error');
    expect(el.dataset.reason).toBe(reason);
    expect(el.hasAttribute('data-hub')).toBe(false);
    const visible = el.querySelector('.vc-badge__text')?.textContent ?? '';
    expect(visible.length).toBeGreaterThan(5);
    expect(visible).not.toContain('reason.');
    expect(el.querySelector('circle[fill="#c5221f"]')).not.toBeNull();
  });

  it('names the hub when only one hub failed', () => {
    const el = badgeOf({ state: 'error', reason: 'timeout', hub: 'rsb' });
    expect(el.dataset.hub).toBe('rsb');
    expect(el.querySelector('.vc-badge__text')?.textContent).toBe('RSB: the hub did not answer in time');
    expect(el.textContent).toContain('Brussels Health Network (RSB)');
  });

  it('speaks the language it is given', () => {
    expect(badgeOf({ state: 'error', reason: 'no-consent' }, 'fr').textContent).toContain('consentement');
    expect(badgeOf({ state: 'error', reason: 'no-consent' }, 'nl').textContent).toContain('toestemming');
    expect(badgeOf({ state: 'error', reason: 'no-consent' }, 'de').textContent).toContain('Einwilligung');
  });
});

describe('Badge, labelled (side panel)', () => {
  it('shows the whole status sentence', () => {
    const el = mount(<Badge status={{ state: 'ok' }} variant="labelled" />).querySelector<HTMLElement>('.vc-badge')!;
    expect(el.querySelector('.vc-badge__text')?.textContent).toBe('Vaccicard consulted');
    expect(el.classList.contains('vc-badge--labelled')).toBe(true);
  });
});
