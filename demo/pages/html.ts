/** Tiny HTML helpers for the demo pages: every interpolated value is escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `2026-10-14` → `14/10/2026`. */
export function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** `85073003328` → `85.07.30-033.28` (anything else unchanged). */
export function niss(digits: string): string {
  return /^\d{11}$/.test(digits)
    ? `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`
    : digits;
}

export function page(opts: { title: string; body: string; scripts?: string[]; bodyClass?: string }): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="application-name" content="FarmaFlux">
<title>${esc(opts.title)}</title>
<link rel="stylesheet" href="/static/farmaflux.css">
</head>
<body class="${esc(opts.bodyClass ?? '')}">
${opts.body}
${(opts.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('\n')}
</body>
</html>
`;
}

/** The platform's top bar: brand on the left, the word "Vaccicard" and the user on the right. */
export function topbar(): string {
  return `<header class="ff-topbar">
  <div class="ff-topbar__left"><span class="ff-logo" aria-hidden="true">✚</span> <span class="ff-brand">FarmaFlux</span> <span class="ff-pharmacy">Pharmacie du Parc · 8-00005-51</span></div>
  <div class="ff-topbar__right"><span class="ff-vaccicard">Vaccicard</span><span class="ff-user">M. Lambert, pharmacien</span></div>
</header>`;
}

export function nav(active: 'home' | 'registration' | 'vaccination'): string {
  const item = (key: typeof active, href: string, label: string) =>
    `<a href="${href}"${key === active ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<nav class="ff-nav" aria-label="FarmaFlux">
  ${item('home', '/', 'Accueil')}
  <a href="/" class="ff-nav__muted">Délivrance</a>
  ${item('registration', '/registration', 'Enregistrement')}
  ${item('vaccination', '/eform', 'Vaccination')}
  <a href="/" class="ff-nav__muted">Stock</a>
</nav>`;
}

/** A strip that says clearly what belongs to the demo, not to the imitated platform. */
export function demoStrip(inner: string): string {
  return `<div class="demo-strip" role="region" aria-label="Demo"><strong>Demo</strong> ${inner}</div>`;
}
