/**
 * The companion's address: plain HTTP on the loopback interface only
 * (`http://127.0.0.1:<port>` or `http://localhost:<port>`). The companion
 * listens on 127.0.0.1 only; anything else would send the pairing secret and
 * patient numbers over a network.
 */
export type CompanionUrlError = 'empty' | 'not-a-url' | 'not-http' | 'not-loopback' | 'has-credentials' | 'has-path';

export type CompanionUrlResult = { ok: true; value: string } | { ok: false; reason: CompanionUrlError };

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/** Validates and normalises to an origin without a trailing slash, e.g. `http://127.0.0.1:47615`. */
export function parseCompanionUrl(input: string): CompanionUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (url.protocol !== 'http:') return { ok: false, reason: 'not-http' };
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return { ok: false, reason: 'not-loopback' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'has-credentials' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'has-path' };
  }
  return { ok: true, value: url.origin };
}
