/**
 * The content script's DOM badge (entrypoints/eform.content/badge-dom.ts)
 * gives the markup of the Preact Badge for every status and language, and
 * keeps its live region across updates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BadgeReason, type LookupStatus } from '../../../lib/messages.ts';
import { LANGS, type Lang } from '../../../lib/i18n/translate.ts';
import { Badge } from '../../../components/Badge.tsx';
import { badgeView } from '../../../components/badge-view.ts';
import { overlayStringsFor } from '../../../components/overlay-strings.ts';
import { BadgeDom } from '../../../entrypoints/eform.content/badge-dom.ts';
import { mount } from './render.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

interface Shape {
  tag: string;
  ns: string | null;
  attrs: [string, string][];
  text?: string;
  children: Shape[];
}

/** Structure and content; attribute order is not part of the markup's meaning. */
function shape(el: Element): Shape {
  const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
  return {
    tag: el.tagName.toLowerCase(),
    ns: el.namespaceURI,
    attrs: [...el.attributes].map((a): [string, string] => [a.name, a.value]).sort(([a], [b]) => a.localeCompare(b)),
    ...(text ? { text } : {}),
    children: [...el.children].map(shape),
  };
}

function preactBadge(status: LookupStatus, lang: Lang): Element {
  return mount(<Badge status={status} />, lang).querySelector('.vc-badge')!;
}

function domBadge(status: LookupStatus, lang: Lang): Element {
  const container = document.createElement('span');
  document.body.append(container);
  new BadgeDom(container).update(badgeView(status, overlayStringsFor(lang)));
  return container.querySelector('.vc-badge')!;
}

const STATUSES: LookupStatus[] = [
  { state: 'idle' },
  { state: 'loading' },
  { state: 'ok' },
  { state: 'ok', stale: { ageMs: 0 } },
  { state: 'ok', stale: { ageMs: 3 * 3_600_000 } },
  ...BadgeReason.options.map((reason): LookupStatus => ({ state: 'error', reason })),
  { state: 'error', reason: 'timeout', hub: 'rsw' },
  { state: 'error', reason: 'no-consent', hub: 'rsb' },
];

describe('BadgeDom renders what Badge renders', () => {
  it.each(LANGS.flatMap((lang) => STATUSES.map((status) => [lang, JSON.stringify(status), status] as const)))('%s %s', (lang, _label, status) => {
    expect(shape(domBadge(status, lang))).toEqual(shape(preactBadge(status, lang)));
  });

  it('keeps the same live region through a sequence of states, each time as Badge renders it', () => {
    const container = document.createElement('span');
    document.body.append(container);
    const badge = new BadgeDom(container);
    const strings = overlayStringsFor('fr');
    const sequence: LookupStatus[] = [
      { state: 'loading' },
      { state: 'ok', stale: { ageMs: 120_000 } },
      { state: 'ok' },
      { state: 'error', reason: 'timeout', hub: 'rsb' },
      { state: 'error', reason: 'companion-down' },
      { state: 'loading' },
      { state: 'idle' },
    ];
    badge.update(badgeView(sequence[0]!, strings));
    const region = container.querySelector('.vc-badge');
    for (const status of sequence) {
      badge.update(badgeView(status, strings));
      expect(container.querySelector('.vc-badge')).toBe(region);
      expect(container.children).toHaveLength(1);
      expect(shape(region!)).toEqual(shape(preactBadge(status, 'fr')));
    }
  });
});
