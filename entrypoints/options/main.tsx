import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pickLanguage } from '../../lib/i18n/translate.ts';
import { App } from './App.tsx';
import { browserPlatform } from './platform.ts';
import { OptionsStrings } from './strings.tsx';
import './style.css';

function uiLanguageTag(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return undefined;
  }
}

const lang = pickLanguage([uiLanguageTag(), navigator.language]);
document.documentElement.lang = lang;
render(
  <OptionsStrings lang={lang}>
    <App platform={browserPlatform()} />
  </OptionsStrings>,
  document.getElementById('app')!,
);
