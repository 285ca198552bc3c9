import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';

export const PAGES_DIR = path.resolve(__dirname, '../../pages');

/**
 * A saved host page parsed into a fresh document of its own window, with
 * scripts, style sheets and network loading off (a saved page is data).
 */
const cache = new Map<string, Document>();

/** Parsed once per (page, URL): tests only read these documents. */
export function loadPage(name: string, url = 'http://127.0.0.1:8080/eform?patient=dubois&entry=popup'): Document {
  const key = `${name} ${url}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const doc = parsePage(name, url);
  cache.set(key, doc);
  return doc;
}

/** A fresh, modifiable document (for tests that change the page). */
export function parsePage(name: string, url = 'http://127.0.0.1:8080/eform?patient=dubois&entry=popup'): Document {
  return parseHtml(readFileSync(path.join(PAGES_DIR, name), 'utf8'), url);
}

/** HTML text parsed the same way (scripts, style sheets and network off). */
export function parseHtml(html: string, url: string): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
