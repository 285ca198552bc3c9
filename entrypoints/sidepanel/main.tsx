import { render } from 'preact';
import { StringsProvider } from '../../components/i18n.tsx';
import { uiLanguage } from '../../components/ui-language.ts';
import '../../components/styles/badge.css';
import '../../components/styles/history.css';
import '../../components/registration/registration.css';
import './style.css';
import { App } from './App.tsx';

const lang = uiLanguage();
document.documentElement.lang = lang;
render(
  <StringsProvider lang={lang}>
    <App />
  </StringsProvider>,
  document.getElementById('app')!,
);
