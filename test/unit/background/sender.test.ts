import { describe, expect, it } from 'vitest';
import { classifySender, mayPrivileged } from '../../../lib/background/sender.ts';
import { PRIVILEGED_SENDERS, type PrivilegedType } from '../../../lib/messages.ts';

const self = { extensionId: 'abc', extensionOrigin: 'chrome-extension://abc' };

describe('classifySender', () => {
  it.each([
    [
      'a content script in a tab',
      { id: 'abc', url: 'https://farma.example/eform?x=1', tab: { id: 4 }, frameId: 0 },
      { kind: 'content-script', tabId: 4, frameId: 0, origin: 'https://farma.example' },
    ],
    [
      'the panel iframe (extension page inside a tab)',
      { id: 'abc', url: 'chrome-extension://abc/panel.html', tab: { id: 4 }, frameId: 2 },
      { kind: 'extension-page', path: '/panel.html', tabId: 4 },
    ],
    ['the side panel', { id: 'abc', url: 'chrome-extension://abc/sidepanel.html' }, { kind: 'extension-page', path: '/sidepanel.html' }],
    ['another extension', { id: 'zzz', url: 'chrome-extension://abc/options.html' }, { kind: 'refused', why: 'other-extension' }],
    ['a look-alike origin', { id: 'abc', url: 'chrome-extension://abcd/options.html' }, { kind: 'refused', why: 'no-tab' }],
    ['no URL', { id: 'abc', tab: { id: 1 } }, { kind: 'refused', why: 'no-url' }],
    ['a page outside any tab', { id: 'abc', url: 'https://farma.example/' }, { kind: 'refused', why: 'no-tab' }],
  ] as const)('%s', (_name, sender, expected) => {
    expect(classifySender(sender, self)).toEqual(expected);
  });

  it('a Firefox extension page (moz-extension origin with a per-install uuid)', () => {
    const firefox = { extensionId: 'abc', extensionOrigin: 'moz-extension://1b2c' };
    expect(classifySender({ id: 'abc', url: 'moz-extension://1b2c/options.html' }, firefox)).toEqual({
      kind: 'extension-page',
      path: '/options.html',
    });
  });
});

describe('mayPrivileged', () => {
  const types = Object.keys(PRIVILEGED_SENDERS) as PrivilegedType[];
  it('never for content scripts', () => {
    for (const t of types) {
      expect(mayPrivileged({ kind: 'content-script', tabId: 1, frameId: 0, origin: 'https://x' }, t)).toBe(false);
    }
  });
  it('everything for the options page; only reads and registration for other extension pages', () => {
    for (const t of types) {
      expect(mayPrivileged({ kind: 'extension-page', path: '/options.html' }, t)).toBe(true);
      expect(mayPrivileged({ kind: 'extension-page', path: '/panel.html', tabId: 3 }, t)).toBe(
        t === 'settings:get' || t === 'cache:info' || t.startsWith('registration:'),
      );
    }
  });
});
