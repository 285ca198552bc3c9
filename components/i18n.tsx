/**
 * The UI language and its two dictionaries (UI words and the shared status
 * words), handed to every component through one context.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { translator, type Lang, type Translate } from '../lib/i18n/translate.ts';
import { commonStrings, type CommonKey } from '../lib/i18n/strings/common.ts';
import { uiStrings, type UiKey } from '../lib/i18n/strings/ui.ts';
import { OverlayStringsContext } from './overlay-i18n.tsx';

export interface Strings {
  lang: Lang;
  /** UI words (lib/i18n/strings/ui.ts). */
  t: Translate<UiKey>;
  /** Status and reason words shared with the options page (lib/i18n/strings/common.ts). */
  tc: Translate<CommonKey>;
}

export function stringsFor(lang: Lang): Strings {
  return { lang, t: translator(uiStrings, lang), tc: translator(commonStrings, lang) };
}

const StringsContext = createContext<Strings>(stringsFor('en'));

export function StringsProvider(props: { lang: Lang; children: ComponentChildren }) {
  const value = useMemo(() => stringsFor(props.lang), [props.lang]);
  // The badge reads its words from its own context (overlay-i18n.tsx); the full dictionary serves it too.
  return (
    <StringsContext.Provider value={value}>
      <OverlayStringsContext.Provider value={value}>{props.children}</OverlayStringsContext.Provider>
    </StringsContext.Provider>
  );
}

export function useStrings(): Strings {
  return useContext(StringsContext);
}
