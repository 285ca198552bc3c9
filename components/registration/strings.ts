/** The registration UI's words (registration-ui.ts) and the registration rules' words (issues, warnings), in the UI language. */
import { useMemo } from 'preact/hooks';
import { registrationUiStrings, type RegistrationUiKey } from '../../lib/i18n/strings/registration-ui.ts';
import { translator, type Lang, type Translate } from '../../lib/i18n/translate.ts';
import { registrationStrings, type RegistrationStringKey } from '../../lib/registration/strings.ts';
import { useStrings } from '../i18n.tsx';

export interface RegistrationStrings {
  lang: Lang;
  /** Form, line and options words. */
  t: Translate<RegistrationUiKey>;
  /** Field problems and pre-send warnings. */
  tr: Translate<RegistrationStringKey>;
}

export function registrationStringsFor(lang: Lang): RegistrationStrings {
  return { lang, t: translator(registrationUiStrings, lang), tr: translator(registrationStrings, lang) };
}

export function useRegistrationStrings(): RegistrationStrings {
  const { lang } = useStrings();
  return useMemo(() => registrationStringsFor(lang), [lang]);
}
