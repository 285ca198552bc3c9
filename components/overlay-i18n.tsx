/**
 * The badge's words through their own Preact context (see overlay-strings.ts),
 * so the badge does not need the panels' dictionary. `StringsProvider`
 * (i18n.tsx) provides this context too, so the badge reads the same in the
 * side panel.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { Lang } from '../lib/i18n/translate.ts';
import { overlayStringsFor, type OverlayStrings } from './overlay-strings.ts';

export type { OverlayStrings } from './overlay-strings.ts';

export const OverlayStringsContext = createContext<OverlayStrings>(overlayStringsFor('en'));

export function OverlayStringsProvider(props: { lang: Lang; children: ComponentChildren }) {
  const value = useMemo(() => overlayStringsFor(props.lang), [props.lang]);
  return <OverlayStringsContext.Provider value={value}>{props.children}</OverlayStringsContext.Provider>;
}

export function useOverlayStrings(): OverlayStrings {
  return useContext(OverlayStringsContext);
}
