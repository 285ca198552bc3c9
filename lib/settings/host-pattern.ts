/**
 * The host pages the pharmacist activates the overlay on, as match patterns
 * for `permissions.request` and `scripting.registerContentScripts`.
 * The pharmacist types a host (`app.farmaflux.be`), a URL
 * (`https://app.farmaflux.be/eform?id=3`) or a pattern (`https://*.farmaflux.be/*`);
 * all become `<scheme>://<host>/*`. Patterns that cover every site are refused,
 * and the loopback demo hosts are always active already.
 */
import { LOOPBACK_HOSTS } from './companion-url.ts';

export type HostPatternError = 'empty' | 'not-a-host' | 'not-http' | 'too-broad' | 'always-active';

export type HostPatternResult = { ok: true; value: string } | { ok: false; reason: HostPatternError };

/** Hosts whose pages the content script already runs on (the demo e-Form), from the manifest. */
export const ALWAYS_ACTIVE_PATTERNS: readonly string[] = LOOPBACK_HOSTS.map((h) => `http://${h}/*`);

/** What the manifest lets the options page ask for at run time (each host still asked for by itself). */
export const ACTIVATABLE_HOST_PATTERNS: readonly string[] = ['https://*/*', 'http://*/*'];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

function isHostName(host: string): boolean {
  if (IPV4.test(host)) return host.split('.').every((n) => Number(n) <= 255);
  const labels = host.split('.');
  return labels.length >= 1 && labels.every((l) => LABEL.test(l)) && host.length <= 253;
}

export function parseHostPattern(input: string): HostPatternResult {
  let text = input.trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text === '<all_urls>') return { ok: false, reason: 'too-broad' };
  let scheme = 'https';
  const schemeMatch = /^([a-z*][a-z0-9+.-]*):\/\//.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1]!;
    text = text.slice(schemeMatch[0].length);
  }
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'not-http' };
  // Drop path, query and fragment: activation is per host.
  const host = text.split(/[/?#]/, 1)[0]!.replace(/:\d+$/, '');
  if (host === '') return { ok: false, reason: 'not-a-host' };
  if (host === '*' || host === '*.') return { ok: false, reason: 'too-broad' };
  let wildcard = false;
  let bare = host;
  if (host.startsWith('*.')) {
    wildcard = true;
    bare = host.slice(2);
  }
  if (bare.includes('*') || bare.includes('@') || !isHostName(bare)) return { ok: false, reason: 'not-a-host' };
  // `*.be` would cover a whole country: a wildcard needs at least a registrable-looking domain.
  if (wildcard && bare.split('.').length < 2) return { ok: false, reason: 'too-broad' };
  const pattern = `${scheme}://${wildcard ? '*.' : ''}${bare}/*`;
  if (LOOPBACK_HOSTS.includes(bare) && scheme === 'http') return { ok: false, reason: 'always-active' };
  return { ok: true, value: pattern };
}

