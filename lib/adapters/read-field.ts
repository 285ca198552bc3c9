/** Reading one value from the page as an adapter's FieldRule says. */
import type { FieldRule } from './types.ts';

/** Collapses runs of whitespace (including non-breaking spaces) and trims. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The value of the first element `rule.selector` finds under `root`, or `undefined` when there is none. */
export function readField(root: ParentNode, rule: FieldRule): string | undefined {
  let el: Element | null;
  try {
    el = root.querySelector(rule.selector);
  } catch {
    return undefined;
  }
  if (!el) return undefined;
  if (rule.read === 'value') {
    const value = (el as Partial<HTMLInputElement>).value;
    return cleanText(typeof value === 'string' ? value : el.getAttribute('value'));
  }
  if (rule.read === 'text') return cleanText(el.textContent);
  return cleanText(el.getAttribute(rule.read.attribute));
}

/** `querySelector` that answers `null` for a selector the browser rejects (never throws into the page). */
export function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

export function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}
