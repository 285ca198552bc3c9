/**
 * Who sent a message or opened a port. A content script's `sender.url` is the
 * web page's URL; an extension page's is on the extension's own origin (which
 * no web page or content script can forge). The panel iframe is an extension
 * page inside a tab, so it has both a tab and the extension origin.
 */
import { EXTENSION_PAGES, PRIVILEGED_SENDERS, type PrivilegedType } from '../messages.ts';
import type { SenderLike } from './extension-api.ts';

export type SenderKind =
  | { kind: 'content-script'; tabId: number; frameId: number; origin: string }
  | { kind: 'extension-page'; path: string; tabId?: number }
  | { kind: 'refused'; why: 'other-extension' | 'no-url' | 'bad-url' | 'no-tab' };

export interface SelfIdentity {
  extensionId: string;
  /** `chrome-extension://<id>` / `moz-extension://<uuid>`, no trailing slash. */
  extensionOrigin: string;
}

export function classifySender(sender: SenderLike | undefined, self: SelfIdentity): SenderKind {
  if (!sender || sender.id !== self.extensionId) return { kind: 'refused', why: 'other-extension' };
  if (!sender.url) return { kind: 'refused', why: 'no-url' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'refused', why: 'bad-url' };
  }
  const tabId = sender.tab?.id;
  // Compared as text: `URL.origin` is opaque ('null') for extension schemes outside the browser.
  if (sender.url.startsWith(`${self.extensionOrigin}/`)) {
    return { kind: 'extension-page', path: url.pathname, ...(typeof tabId === 'number' && tabId >= 0 ? { tabId } : {}) };
  }
  if (typeof tabId !== 'number' || tabId < 0) return { kind: 'refused', why: 'no-tab' };
  return { kind: 'content-script', tabId, frameId: sender.frameId ?? 0, origin: url.origin };
}

/** A short description for the refusal log (no paths, no patient data). */
export function describeSender(kind: SenderKind): string {
  switch (kind.kind) {
    case 'content-script':
      return `content-script@${kind.origin}`;
    case 'extension-page':
      return `extension-page${kind.path}`;
    case 'refused':
      return `unknown(${kind.why})`;
  }
}

export function mayPrivileged(kind: SenderKind, type: PrivilegedType): boolean {
  if (kind.kind !== 'extension-page') return false;
  const rule = PRIVILEGED_SENDERS[type];
  return rule === 'extension-page' || kind.path === EXTENSION_PAGES.options;
}

export function isPanelPage(kind: SenderKind): kind is { kind: 'extension-page'; path: string; tabId: number } {
  return kind.kind === 'extension-page' && kind.path === EXTENSION_PAGES.panel && kind.tabId !== undefined;
}

export function isSidepanelPage(kind: SenderKind): boolean {
  return kind.kind === 'extension-page' && kind.path === EXTENSION_PAGES.sidepanel;
}
