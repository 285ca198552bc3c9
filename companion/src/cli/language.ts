import { languageOfTag, pickLanguage, type Lang } from '../../../lib/i18n/translate.ts';

/**
 * `--lang`, else `VACCICARD_COMPANION_LANG`, else the system locale
 * (LC_ALL, LC_MESSAGES, LANG; on Windows the Intl default), else English.
 */
export function cliLanguage(flag: Lang | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag) return flag;
  const fromEnvironment = [env.VACCICARD_COMPANION_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  if (fromEnvironment.some((tag) => languageOfTag(tag) !== undefined)) return pickLanguage(fromEnvironment);
  return pickLanguage([...fromEnvironment, systemLocale()]);
}

/**
 * The Intl default locale, asked for only when no variable names a language:
 * every Intl service resolves the same default, and plural rules page in far
 * less ICU data than a date formatter (~1 MB against ~8 MB resident, kept
 * for the life of the process).
 */
function systemLocale(): string {
  return new Intl.PluralRules().resolvedOptions().locale;
}
