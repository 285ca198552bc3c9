/** The UI language: the browser's UI language when it is nl, fr, de or en, else English. */
import { browser } from 'wxt/browser';
import { pickLanguage, type Lang } from '../lib/i18n/translate.ts';

export function uiLanguage(): Lang {
  let browserLang: string | undefined;
  try {
    browserLang = browser.i18n.getUILanguage();
  } catch {
    browserLang = undefined;
  }
  return pickLanguage([browserLang, globalThis.navigator?.language]);
}
