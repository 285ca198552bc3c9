/** The options page's words (options.ts) and the shared status words (common.ts), in the UI language. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { commonStrings, type CommonKey } from '../../lib/i18n/strings/common.ts';
import { optionsStrings, type OptionsKey } from '../../lib/i18n/strings/options.ts';
import { translator, type Lang, type Translate } from '../../lib/i18n/translate.ts';

interface Strings {
  lang: Lang;
  t: Translate<OptionsKey>;
  tc: Translate<CommonKey>;
}

const StringsContext = createContext<Strings>({
  lang: 'en',
  t: translator(optionsStrings, 'en'),
  tc: translator(commonStrings, 'en'),
});

export function OptionsStrings({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  const value = useMemo(
    () => ({ lang, t: translator(optionsStrings, lang), tc: translator(commonStrings, lang) }),
    [lang],
  );
  return <StringsContext.Provider value={value}>{children}</StringsContext.Provider>;
}

export const useOptionsStrings = () => useContext(StringsContext);
