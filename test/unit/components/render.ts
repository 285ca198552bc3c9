import { render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import type { Lang } from '../../../lib/i18n/translate.ts';
import { StringsProvider } from '../../../components/i18n.tsx';
import { h } from 'preact';

/** Renders into a fresh container in the happy-dom document (inside act, so effects ran). */
export function mount(node: VNode, lang: Lang = 'en'): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => {
    render(h(StringsProvider, { lang, children: node }), container);
  });
  return container;
}
