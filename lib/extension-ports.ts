/**
 * Names shared by the extension's parts that carry no schema: the extension
 * pages and the port names. Kept apart from messages.ts (which re-exports
 * them) so the e-Form content script can use them without loading zod.
 */

/** Paths of the extension pages (WXT builds `entrypoints/<name>/index.html` to `/<name>.html`). */
export const EXTENSION_PAGES = {
  panel: '/panel.html',
  sidepanel: '/sidepanel.html',
  options: '/options.html',
} as const;

/** Port names. Content script ports get LookupStatus; page ports get PanelState. */
export const PORTS = {
  badge: 'badge',
  panel: 'panel',
  sidepanel: 'sidepanel',
} as const;
