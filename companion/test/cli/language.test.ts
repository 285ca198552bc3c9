/**
 * The command line's language: --lang, then the environment, then the system
 * locale; Intl (ICU locale data, megabytes kept for the life of the process)
 * is asked only when no variable names a language of ours.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cliLanguage } from '../../src/cli/language.ts';
import { languageOfTag, pickLanguage } from '../../../lib/i18n/translate.ts';

const RealPluralRules = Intl.PluralRules;
const RealDateTimeFormat = Intl.DateTimeFormat;
let made: string[] = [];
/** Intl's constructors are read-only to TypeScript, writable at run time. */
const intl = Intl as unknown as Record<'PluralRules' | 'DateTimeFormat', unknown>;

function countIntl(): void {
  made = [];
  const counting = <T extends object>(name: string, real: T): T =>
    new Proxy(real, {
      construct: (target, args, newTarget) => (made.push(name), Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget)),
      apply: (target, self, args) => (made.push(name), Reflect.apply(target as (...a: unknown[]) => unknown, self, args)),
    });
  intl.PluralRules = counting('PluralRules', RealPluralRules);
  intl.DateTimeFormat = counting('DateTimeFormat', RealDateTimeFormat);
}

afterEach(() => {
  intl.PluralRules = RealPluralRules;
  intl.DateTimeFormat = RealDateTimeFormat;
});

describe('cliLanguage', () => {
  it('takes --lang first, then VACCICARD_COMPANION_LANG, LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(cliLanguage('de', { LANG: 'fr_BE.UTF-8' })).toBe('de');
    expect(cliLanguage(undefined, { VACCICARD_COMPANION_LANG: 'nl', LC_ALL: 'fr_BE.UTF-8', LANG: 'de_BE.UTF-8' })).toBe('nl');
    expect(cliLanguage(undefined, { LC_ALL: 'fr_BE.UTF-8', LC_MESSAGES: 'nl_BE', LANG: 'de_BE.UTF-8' })).toBe('fr');
    expect(cliLanguage(undefined, { LC_MESSAGES: 'nl_BE', LANG: 'de_BE.UTF-8' })).toBe('nl');
    expect(cliLanguage(undefined, { LANG: 'de_BE.UTF-8' })).toBe('de');
    // A variable naming no language of ours is passed over.
    expect(cliLanguage(undefined, { LC_ALL: 'C.UTF-8', LANG: 'fr_BE.UTF-8' })).toBe('fr');
  });

  it('does not touch Intl when a variable names a language', () => {
    countIntl();
    expect(cliLanguage(undefined, { LANG: 'nl_BE.UTF-8' })).toBe('nl');
    expect(cliLanguage('fr', {})).toBe('fr');
    expect(made).toEqual([]);
  });

  it('falls back on the system locale (as every Intl service resolves it), else English', () => {
    countIntl();
    const system = pickLanguage([new RealDateTimeFormat().resolvedOptions().locale]);
    expect(cliLanguage(undefined, {})).toBe(system);
    expect(cliLanguage(undefined, { LANG: 'C', LC_ALL: 'POSIX' })).toBe(system);
    expect(made).toEqual(['PluralRules', 'PluralRules']);
  });
});

describe('languageOfTag', () => {
  it('reads the language of a BCP 47 tag or a POSIX locale, ours only', () => {
    expect(['nl-BE', 'fr_BE.UTF-8', 'DE', 'en_GB', 'es-ES', 'C', '', undefined].map(languageOfTag)).toEqual(['nl', 'fr', 'de', 'en', undefined, undefined, undefined, undefined]);
  });
});
