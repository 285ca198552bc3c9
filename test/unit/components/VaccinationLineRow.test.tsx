import { afterEach, describe, expect, it } from 'vitest';
import { VaccinationLineRow } from '../../../components/VaccinationLineRow.tsx';
import { line } from './fixtures.ts';
import { mount } from './render.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

function rowOf(...args: Parameters<typeof line>): HTMLElement {
  const el = mount(
    <ul>
      <VaccinationLineRow line={line(...args)} />
    </ul>,
  ).querySelector<HTMLElement>('[data-line]');
  if (!el) throw new Error('no line rendered');
  return el;
}

describe('VaccinationLineRow', () => {
  it('shows date dd/mm/yyyy, CNK, name, RIZIV and the source at the end', () => {
    const el = rowOf();
    expect(el.dataset.line).toBe('l1');
    expect(el.dataset.source).toBe('Vaccicard');
    expect(el.dataset.own).toBe('false');
    expect(el.dataset.confirmed).toBe('false');
    const text = el.textContent ?? '';
    for (const part of ['14/10/2026', '3986555', 'Vaxigrip', '20807092001']) expect(text).toContain(part);
    expect(text.trimEnd().endsWith('Vaccicard')).toBe(true);
    expect(el.classList.contains('vc-line--others')).toBe(true);
  });

  it('links the RIZIV number to the silverpages and offers a copy button', () => {
    const el = rowOf();
    const link = el.querySelector<HTMLAnchorElement>('a.vc-riziv__link');
    expect(link?.href).toBe(
      'https://webappsa.riziv-inami.fgov.be/silverpages/Home/SearchHcw/?Form.NihdiNumber=20807092001',
    );
    expect(link?.rel).toContain('noopener');
    expect(link?.target).toBe('_blank');
    const copy = el.querySelector<HTMLButtonElement>('button.vc-riziv__copy');
    expect(copy?.getAttribute('aria-label')).toBe('Copy RIZIV number 20807092001');
  });

  it('marks own lines green and echoed ones as confirmed in Vaccicard', () => {
    const el = rowOf({ own: true, confirmed: true, source: 'FarmaFlux', hubs: ['rsw'] });
    expect(el.dataset.own).toBe('true');
    expect(el.dataset.confirmed).toBe('true');
    expect(el.dataset.source).toBe('FarmaFlux');
    expect(el.classList.contains('vc-line--own')).toBe(true);
    expect(el.querySelector('[data-confirmed-mark]')?.textContent).toContain('Confirmed in Vaccicard');
    expect(el.textContent).toContain('Registered by this pharmacy');
  });

  it('does not show the confirmed mark on an unconfirmed own line', () => {
    const el = rowOf({ own: true, source: 'PopVax FarmaFlux', registration: { id: 'r1', state: 'sent' } });
    expect(el.querySelector('[data-confirmed-mark]')).toBeNull();
    expect(el.querySelector('[data-registration="sent"]')?.textContent).toBe(
      'Registration sent, waiting for Vaccicard',
    );
  });

  it('shows every warning in words', () => {
    const el = rowOf({
      warnings: [
        { kind: 'cnk-check-failed', cnk: '1234567' },
        { kind: 'riziv-check-failed', riziv: '12345678901' },
        { kind: 'flu-already-this-season' },
      ],
    });
    const warnings = [...el.querySelectorAll('[data-warning]')].map((w) => w.textContent);
    expect(warnings).toEqual([
      'CNK 1234567 fails its check digit: verify the product',
      'RIZIV number 12345678901 fails its check digits',
      'Another flu vaccination this season',
    ]);
  });

  it('says what is missing instead of leaving blanks', () => {
    const el = rowOf({ cnk: undefined, name: undefined, riziv: undefined });
    const text = el.textContent ?? '';
    expect(text).toContain('no CNK');
    expect(text).toContain('vaccine name unknown');
    expect(text).toContain('vaccinator unknown');
    expect(el.querySelector('a')).toBeNull();
  });

  it('renders hostile names as text, never as markup', () => {
    const el = rowOf({ name: '<img src=x onerror="alert(1)">Flu' });
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">Flu');
  });
});
