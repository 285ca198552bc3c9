/**
 * The demo "FarmaFlux" pharmacy platform's vaccination e-Form (demo/).
 * Entry path: `?entry=popup|registration|direct`, else the form's `data-entry`.
 */
import { SELECTORS } from './selectors.ts';
import type { HostAdapter } from './types.ts';

const S = SELECTORS.farmaflux;

const ENTRY_VALUES = {
  popup: 'sensitisation-popup',
  registration: 'registration',
  direct: 'direct-link',
} as const;

export const farmafluxAdapter: HostAdapter = {
  id: 'farmaflux',
  platform: S.platform,
  formPath: /^\/eform(?:\/|$)/,
  form: S.form,
  insz: { selector: S.insz, read: 'value' },
  entryPath: {
    urlParam: { name: 'entry', values: ENTRY_VALUES },
    marker: { selector: S.entryMarker, attribute: 'data-entry', values: ENTRY_VALUES },
  },
  badgeAnchor: { selector: S.vaccicardWord, text: 'Vaccicard' },
  panelSlot: S.panelSlot,
  ownLines: {
    rows: S.ownLineRows,
    idAttribute: 'data-registration-id',
    date: { selector: S.ownLineDate, read: 'text', format: 'dd/mm/yyyy' },
    source: { selector: S.ownLineSource, read: 'text' },
    cnk: { selector: S.ownLineCnk, read: 'text' },
    name: { selector: S.ownLineName, read: 'text' },
    riziv: { selector: S.ownLineRiziv, read: 'text' },
    lot: { selector: S.ownLineLot, read: 'text' },
    disease: {
      selector: S.ownLineDisease,
      read: 'text',
      values: { grippe: 'flu', influenza: 'flu', griep: 'flu', 'covid-19': 'covid', covid: 'covid' },
    },
  },
};
