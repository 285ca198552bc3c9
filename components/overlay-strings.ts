/**
 * The words of what the e-Form content script shows on the host page (the
 * badge and the panel frame): its own dictionary (overlay.ts) and the shared
 * status words (common.ts). No UI framework here: the content script uses it
 * directly, the Preact components through overlay-i18n.tsx.
 */
import { translator, type Lang, type Translate } from '../lib/i18n/translate.ts';
import { commonStrings, type CommonKey } from '../lib/i18n/strings/common.ts';
import { overlayStrings, type OverlayKey } from '../lib/i18n/strings/overlay.ts';

export interface OverlayStrings {
  lang: Lang;
  /** Badge and frame words (lib/i18n/strings/overlay.ts). */
  t: Translate<OverlayKey>;
  /** Status and reason words (lib/i18n/strings/common.ts). */
  tc: Translate<CommonKey>;
}

export function overlayStringsFor(lang: Lang): OverlayStrings {
  return { lang, t: translator(overlayStrings, lang), tc: translator(commonStrings, lang) };
}
