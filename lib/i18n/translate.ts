/**
 * User-facing strings live in typed dictionaries (one per area, e.g.
 * lib/i18n/strings/badge.ts) with every key in nl, fr, de and en; TypeScript
 * rejects a dictionary that misses a key in any language. The language follows
 * the browser's UI language, falling back to English.
 */
export const LANGS = ['nl', 'fr', 'de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Dictionary<K extends string> = { readonly [L in Lang]: { readonly [P in K]: string } };

/** Builds a complete dictionary: `en` fixes the keys, the other languages must have exactly them. */
export function defineStrings<const E extends Record<string, string>>(
  en: E,
  others: { readonly [L in Exclude<Lang, 'en'>]: { readonly [P in keyof E]: string } },
): Dictionary<Extract<keyof E, string>> {
  return { en, ...others } as Dictionary<Extract<keyof E, string>>;
}

/** One dictionary with the keys of both (they must not share a key: checked when the module loads). */
export function mergeStrings<A extends string, B extends string>(a: Dictionary<A>, b: Dictionary<B>): Dictionary<A | B> {
  const shared = Object.keys(a.en).filter((k) => Object.hasOwn(b.en, k));
  if (shared.length > 0) throw new Error(`mergeStrings: keys defined twice: ${shared.join(', ')}`);
  const merged = {} as Record<Lang, Record<string, string>>;
  for (const lang of LANGS) merged[lang] = { ...a[lang], ...b[lang] };
  return merged as Dictionary<A | B>;
}

/** `nl-BE` → `nl`; unknown languages → `en`. */
export function pickLanguage(tags: readonly (string | undefined)[]): Lang {
  for (const tag of tags) {
    const lang = languageOfTag(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** `nl-BE`, `fr_BE.UTF-8` → `nl`, `fr`; a tag of no language of ours → undefined. */
export function languageOfTag(tag: string | undefined): Lang | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base && (LANGS as readonly string[]).includes(base) ? (base as Lang) : undefined;
}

export type Translate<K extends string> = (key: K, vars?: Readonly<Record<string, string | number>>) => string;

/** `{name}` placeholders are replaced from `vars`; values are text, never HTML. */
export function translator<K extends string>(dict: Dictionary<K>, lang: Lang): Translate<K> {
  const table = dict[lang];
  return (key, vars) => {
    const template = table[key] ?? dict.en[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}
