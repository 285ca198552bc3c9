/**
 * EVERY host-page selector the overlay uses, in one place (host pages change
 * without notice: when one breaks, this is the only file to fix).
 *
 * Each selector is tested against the saved example pages in `test/pages/`
 * with its expected match count (test/unit/adapters/selectors.test.ts).
 * Row-field selectors (`ownLine*`) are relative to one row.
 */
export const SELECTORS = {
  /** The demo e-Form of the "FarmaFlux" pharmacy platform (demo/). */
  farmaflux: {
    /** Present on every page of the platform. */
    platform: 'meta[name="application-name"][content="FarmaFlux"]',
    /** The vaccination e-Form itself. */
    form: 'form#ff-eform[data-form="vaccination"]',
    /** The patient's INSZ (NISS) field in the patient block. */
    insz: '#ff-patient input[name="patient.niss"]',
    /** Carries `data-entry` (popup | registration | direct) when the URL does not say. */
    entryMarker: 'form#ff-eform[data-entry]',
    /** The word "Vaccicard" at the top right of the header. */
    vaccicardWord: 'header .ff-topbar__right .ff-vaccicard',
    /** The right-hand column where the history panel goes. */
    panelSlot: 'aside#ff-sidebar',
    /** One row per vaccination this pharmacy registered. */
    ownLineRows: '#ff-own-vaccinations tbody tr[data-registration-id]',
    ownLineDate: 'td[data-col="date"]',
    ownLineCnk: 'td[data-col="cnk"]',
    ownLineName: 'td[data-col="vaccine"]',
    ownLineDisease: 'td[data-col="type"]',
    ownLineRiziv: 'td[data-col="riziv"]',
    ownLineLot: 'td[data-col="lot"]',
    ownLineSource: 'td[data-col="source"]',
  },
  /** The generic fallback for pages no adapter knows. */
  generic: {
    /** Inputs that usually hold a patient's national number. */
    inszInputs: [
      'input[name*="insz" i]',
      'input[name*="niss" i]',
      'input[name*="inss" i]',
      'input[name*="rijksregister" i]',
      'input[id*="insz" i]',
      'input[id*="niss" i]',
    ].join(', '),
    /** Elements whose text is never scanned for an INSZ. */
    textSkip: 'script, style, noscript, template, textarea, vaccicard-badge, vaccicard-panel',
  },
} as const;
