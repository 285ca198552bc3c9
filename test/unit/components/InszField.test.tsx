import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { InszField } from '../../../components/InszField.tsx';
import { mount } from './render.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const today = () => new Date('2026-11-21T12:00:00Z');

function submit(root: HTMLElement, value: string) {
  const input = root.querySelector<HTMLInputElement>('input[name="insz"]')!;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('InszField', () => {
  it('accepts formatted input and hands over the 11 digits only', () => {
    const onLookup = vi.fn();
    const root = mount(<InszField onLookup={onLookup} today={today} />);
    submit(root, ' 85.07.30-033.28 ');
    expect(onLookup).toHaveBeenCalledWith('85073003328');
    expect(root.querySelector<HTMLInputElement>('input[name="insz"]')!.value).toBe('85.07.30-033.28');
    expect(root.querySelector('[data-insz-error]')).toBeNull();
  });

  it.each([
    ['', 'empty', 'Type the patient’s INSZ number.'],
    ['85O73003328', 'invalid-characters', 'An INSZ number contains only digits'],
    ['8507300332', 'wrong-length', 'An INSZ number has 11 digits; this one has 10.'],
    ['85073003329', 'bad-check-digits', 'check digits'],
    ['85133000105', 'impossible-date', 'not a possible birth date'],
  ])('refuses %j (%s), says why, and sends nothing', (input, reason, words) => {
    const onLookup = vi.fn();
    const root = mount(<InszField onLookup={onLookup} today={today} />);
    submit(root, input);
    expect(onLookup).not.toHaveBeenCalled();
    const error = root.querySelector('[data-insz-error]')!;
    expect(error.getAttribute('data-insz-error')).toBe(reason);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain(words);
    expect(error.textContent).toContain('Nothing was sent.');
    expect(root.querySelector('input')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('explains errors in Dutch and French too', () => {
    const nl = mount(<InszField onLookup={() => {}} today={today} />, 'nl');
    submit(nl, '85073003329');
    expect(nl.querySelector('[data-insz-error]')?.textContent).toContain('tikfout');
    const fr = mount(<InszField onLookup={() => {}} today={today} />, 'fr');
    submit(fr, '123');
    expect(fr.querySelector('[data-insz-error]')?.textContent).toContain('celui-ci en a 3');
  });
});

describe('InszField, refused numbers', () => {
  it('tells the page so it can drop what it showed for an earlier number', () => {
    const onInvalid = vi.fn();
    const onLookup = vi.fn();
    const root = mount(<InszField onLookup={onLookup} onInvalid={onInvalid} today={today} />);
    submit(root, '85073003329');
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(onLookup).not.toHaveBeenCalled();
  });
});
