import { pickLanguage, type Lang } from '../../../lib/i18n/translate.ts';

/**
 * `--lang`, else `VACCICARD_COMPANION_LANG`, else the system locale
 * (LC_ALL, LC_MESSAGES, LANG; on Windows the Intl default), else English.
 */
export function cliLanguage(flag: Lang | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag) return flag;
  return pickLanguage([
    env.VACCICARD_COMPANION_LANG,
    env.LC_ALL,
    env.LC_MESSAGES,
    env.LANG,
    Intl.DateTimeFormat().resolvedOptions().locale,
  ]);
}
