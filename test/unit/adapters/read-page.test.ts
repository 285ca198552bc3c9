import { describe, expect, it } from 'vitest';
import { readPage, readingKey, type PageReading } from '../../../lib/adapters/index.ts';
import { farmafluxAdapter } from '../../../lib/adapters/farmaflux.ts';
import { readEntryPath } from '../../../lib/adapters/read-page.ts';
import { toIsoDate } from '../../../lib/adapters/read-own-lines.ts';
import { loadPage, parsePage } from './load-page.ts';

const TODAY = new Date('2026-11-21T12:00:00Z');
const EFORM = (entry = 'popup') => new URL(`http://127.0.0.1:8080/eform?patient=dubois&entry=${entry}`);

function read(page: string, url: URL = EFORM()): PageReading {
  return readPage(loadPage(page, url.href), url, TODAY);
}

describe('farmaflux adapter', () => {
  it('reads the patient, the entry path, the anchors and the own lines', () => {
    const reading = read('farmaflux-eform-popup.html');
    expect(reading.kind).toBe('patient');
    if (reading.kind !== 'patient') return;
    expect(reading.adapterId).toBe('farmaflux');
    expect(reading.insz).toBe('85073003328');
    expect(reading.entryPath).toBe('sensitisation-popup');
    expect(reading.badgeAnchor?.textContent).toBe('Vaccicard');
    expect(reading.panelSlot?.id).toBe('ff-sidebar');
    expect(reading.own).toEqual([
      {
        id: 'FF-2026-0142',
        source: 'FarmaFlux',
        date: '2026-10-14',
        cnk: '4185492',
        name: 'Vaxigrip Tetra',
        disease: 'flu',
        riziv: '20807092001',
        lot: 'V3F41',
      },
      {
        id: 'FF-2026-0031',
        source: 'PopVax FarmaFlux',
        date: '2026-03-02',
        cnk: '4293254',
        name: 'Comirnaty',
        disease: 'covid',
        riziv: '21234585001',
        lot: 'FP8823',
      },
    ]);
  });

  it.each([
    ['popup', 'sensitisation-popup'],
    ['registration', 'registration'],
    ['direct', 'direct-link'],
  ] as const)('the URL parameter entry=%s is the %s entry path', (param, path) => {
    const url = EFORM(param);
    const reading = read('farmaflux-eform-popup.html', url);
    expect(reading.kind === 'patient' && reading.entryPath).toBe(path);
  });

  it('falls back to the form marker when the URL does not say, and to unknown when nothing does', () => {
    const doc = loadPage('farmaflux-eform-popup.html');
    expect(readEntryPath(doc, new URL('http://127.0.0.1/eform'), farmafluxAdapter.entryPath)).toBe('sensitisation-popup');
    expect(readEntryPath(doc, new URL('http://127.0.0.1/eform?entry=bogus'), farmafluxAdapter.entryPath)).toBe(
      'sensitisation-popup',
    );
    const bare = parsePage('farmaflux-eform-popup.html');
    bare.querySelector('form')!.removeAttribute('data-entry');
    expect(readEntryPath(bare, new URL('http://127.0.0.1/eform'), farmafluxAdapter.entryPath)).toBe('unknown');
  });

  it('an e-Form with no patient yet is no-patient', () => {
    expect(read('farmaflux-eform-no-patient.html').kind).toBe('no-patient');
  });

  it('other pages of the platform get nothing (no generic scan of their patient lists)', () => {
    expect(read('farmaflux-home-popup.html', new URL('http://127.0.0.1:8080/?popup=dubois'))).toEqual({
      kind: 'nothing',
      adapterId: 'farmaflux',
    });
    expect(read('farmaflux-registration.html', new URL('http://127.0.0.1:8080/registration')).kind).toBe('nothing');
  });

  it('a changed e-Form fails visibly, naming what is missing', () => {
    const reading = read('farmaflux-eform-v2.html');
    expect(reading).toMatchObject({ kind: 'not-recognised', adapterId: 'farmaflux', missing: ['form', 'insz'] });
    expect(reading.kind === 'not-recognised' && reading.badgeAnchor?.textContent).toBe('Vaccicard');
  });

  it('an invalid INSZ on the page is reported with its reason (and never looked up)', () => {
    const doc = parsePage('farmaflux-eform-popup.html');
    doc.querySelector<HTMLInputElement>('input[name="patient.niss"]')!.value = '85.07.30-033.29';
    expect(readPage(doc, EFORM(), TODAY)).toMatchObject({ kind: 'invalid-insz', reason: 'bad-check-digits' });
  });

  it('reads the live value of the NISS input, not only its attribute', () => {
    const doc = parsePage('farmaflux-eform-popup.html');
    doc.querySelector<HTMLInputElement>('input[name="patient.niss"]')!.value = '17.07.30-033.84';
    expect(readPage(doc, EFORM(), TODAY)).toMatchObject({ kind: 'patient', insz: '17073003384' });
  });

  it('an own-line row it cannot read makes the page not recognised (never silently dropped)', () => {
    const doc = parsePage('farmaflux-eform-popup.html');
    doc.querySelector('td[data-col="date"]')!.textContent = '31/02/2026';
    doc.querySelectorAll('td[data-col="source"]')[1]!.textContent = 'Other software';
    expect(readPage(doc, EFORM(), TODAY)).toMatchObject({
      kind: 'not-recognised',
      missing: ['ownLines[0].date', 'ownLines[1].source'],
    });
  });

  it('an own line without CNK, RIZIV or lot is still an own line', () => {
    const doc = parsePage('farmaflux-eform-popup.html');
    const row = doc.querySelector('tr[data-registration-id]')!;
    for (const col of ['cnk', 'riziv', 'lot']) row.querySelector(`td[data-col="${col}"]`)!.textContent = '';
    const reading = readPage(doc, EFORM(), TODAY);
    expect(reading.kind === 'patient' && reading.own[0]).toEqual({
      id: 'FF-2026-0142',
      source: 'FarmaFlux',
      date: '2026-10-14',
      name: 'Vaxigrip Tetra',
      disease: 'flu',
    });
  });

  it('without the word Vaccicard in the header the badge floats (no anchor), the lookup still runs', () => {
    const doc = parsePage('farmaflux-eform-popup.html');
    doc.querySelector('.ff-vaccicard')!.textContent = 'Carnet';
    const reading = readPage(doc, EFORM(), TODAY);
    expect(reading.kind).toBe('patient');
    expect(reading.kind === 'patient' && reading.badgeAnchor).toBeUndefined();
  });
});

describe('generic fallback adapter', () => {
  const OTHER = new URL('https://pharmadesk.example/vaccinatie/42');

  it('finds the one valid INSZ in the visible text, skipping scripts, styles and text areas', () => {
    const reading = read('generic-other-software.html', OTHER);
    expect(reading).toMatchObject({ kind: 'patient', adapterId: 'generic', insz: '85073003328', entryPath: 'unknown', own: [] });
    expect(reading.kind === 'patient' && reading.badgeAnchor?.textContent).toBe('Vaccicard');
    expect(reading.kind === 'patient' && reading.panelSlot).toBeUndefined();
  });

  it('finds an INSZ typed in an input named like one', () => {
    expect(read('generic-input-field.html', OTHER)).toMatchObject({ kind: 'patient', insz: '17073003384' });
  });

  it('does not guess between two patients', () => {
    expect(read('generic-two-patients.html', OTHER)).toMatchObject({ kind: 'not-recognised', missing: ['single-insz'] });
  });

  it('does nothing on a page without a valid INSZ', () => {
    expect(read('generic-no-patient.html', OTHER)).toEqual({ kind: 'nothing', adapterId: 'generic' });
  });
});

describe('readingKey', () => {
  it('changes with the patient and the own lines, not with the anchors', () => {
    const a = read('farmaflux-eform-popup.html');
    const doc = parsePage('farmaflux-eform-popup.html');
    doc.querySelector('.ff-vaccicard')!.textContent = 'x';
    expect(readingKey(readPage(doc, EFORM(), TODAY))).toBe(readingKey(a));
    doc.querySelector('td[data-col="lot"]')!.textContent = 'OTHER';
    expect(readingKey(readPage(doc, EFORM(), TODAY))).not.toBe(readingKey(a));
  });
});

describe('toIsoDate', () => {
  it.each([
    ['14/10/2026', '2026-10-14'],
    ['4/3/2026', '2026-03-04'],
    ['14.10.2026', '2026-10-14'],
    ['29/02/2025', undefined],
    ['2026-10-14', undefined],
    ['', undefined],
  ])('%s → %s', (text, iso) => {
    expect(toIsoDate(text, 'dd/mm/yyyy')).toBe(iso);
  });
});
