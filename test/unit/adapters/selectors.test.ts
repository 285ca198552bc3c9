/**
 * Every host-page selector against the saved example pages, with the number
 * of elements it must match (refined-github style): when a host page changes,
 * this table says which selector broke.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SELECTORS } from '../../../lib/adapters/selectors.ts';
import { loadPage, PAGES_DIR } from './load-page.ts';

type FarmafluxKey = keyof typeof SELECTORS.farmaflux;
type RowKey = Extract<FarmafluxKey, `ownLine${string}`> ;

/** Document-wide selectors: expected match counts per saved page. */
const DOCUMENT_COUNTS: Record<string, Partial<Record<Exclude<FarmafluxKey, Exclude<RowKey, 'ownLineRows'>>, number>>> = {
  'farmaflux-eform-popup.html': {
    platform: 1, form: 1, insz: 1, entryMarker: 1, vaccicardWord: 1, panelSlot: 1, ownLineRows: 2,
  },
  'farmaflux-eform-no-patient.html': {
    platform: 1, form: 1, insz: 1, entryMarker: 1, vaccicardWord: 1, panelSlot: 1, ownLineRows: 0,
  },
  // A platform update renamed the form and the NISS field: the adapter must notice.
  'farmaflux-eform-v2.html': {
    platform: 1, form: 0, insz: 0, entryMarker: 0, vaccicardWord: 1, panelSlot: 1, ownLineRows: 2,
  },
  'farmaflux-home-popup.html': {
    platform: 1, form: 0, insz: 0, entryMarker: 0, vaccicardWord: 1, panelSlot: 0, ownLineRows: 0,
  },
  'farmaflux-registration.html': {
    platform: 1, form: 0, insz: 0, entryMarker: 0, vaccicardWord: 1, panelSlot: 0, ownLineRows: 0,
  },
  'generic-other-software.html': { platform: 0, form: 0, insz: 0, vaccicardWord: 0, ownLineRows: 0 },
  'generic-input-field.html': { platform: 0, form: 0, insz: 0, vaccicardWord: 0 },
  'generic-two-patients.html': { platform: 0, form: 0 },
  'generic-no-patient.html': { platform: 0, form: 0 },
};

/** Row-relative selectors: each must match exactly once in every own-line row. */
const ROW_FIELDS: RowKey[] = [
  'ownLineDate',
  'ownLineCnk',
  'ownLineName',
  'ownLineDisease',
  'ownLineRiziv',
  'ownLineLot',
  'ownLineSource',
];

const GENERIC_INPUT_COUNTS: Record<string, number> = {
  'generic-other-software.html': 0,
  'generic-input-field.html': 1,
  'generic-two-patients.html': 0,
  'generic-no-patient.html': 0,
  'farmaflux-eform-popup.html': 1,
};

describe('host-page selectors against saved pages', () => {
  it('has a count table for every saved page', () => {
    const pages = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.html')).sort();
    expect(Object.keys(DOCUMENT_COUNTS).sort()).toEqual(pages);
  });

  for (const [page, counts] of Object.entries(DOCUMENT_COUNTS)) {
    for (const [key, expected] of Object.entries(counts)) {
      it(`${page}: farmaflux.${key} matches ${expected}`, () => {
        const doc = loadPage(page);
        expect(doc.querySelectorAll(SELECTORS.farmaflux[key as FarmafluxKey])).toHaveLength(expected);
      });
    }
  }

  for (const page of ['farmaflux-eform-popup.html', 'farmaflux-eform-v2.html']) {
    it(`${page}: every own-line field once per row`, () => {
      const rows = loadPage(page).querySelectorAll(SELECTORS.farmaflux.ownLineRows);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const field of ROW_FIELDS) expect(row.querySelectorAll(SELECTORS.farmaflux[field]), field).toHaveLength(1);
      }
    });
  }

  for (const [page, expected] of Object.entries(GENERIC_INPUT_COUNTS)) {
    it(`${page}: generic.inszInputs matches ${expected}`, () => {
      expect(loadPage(page).querySelectorAll(SELECTORS.generic.inszInputs)).toHaveLength(expected);
    });
  }

  it('every selector is valid CSS', () => {
    const doc = loadPage('farmaflux-eform-popup.html');
    const all = [...Object.values(SELECTORS.farmaflux), ...Object.values(SELECTORS.generic)];
    for (const selector of all) expect(() => doc.querySelectorAll(selector), selector).not.toThrow();
  });
});
