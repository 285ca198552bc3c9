/**
 * The live demo platform and the adapter agree: every demo patient's e-Form,
 * as the demo server renders it today, reads back as that patient with its
 * own lines (the saved pages in test/pages/ pin the selectors; this pins the demo).
 */
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../lib/adapters/index.ts';
import { parseInsz } from '../../../lib/identifiers/insz.ts';
import { demoPatients, TYPO_PATIENT_ID } from '../../../demo/patients.ts';
import { renderEform } from '../../../demo/pages/eform.ts';
import { renderHome, renderRegistration } from '../../../demo/pages/home.ts';
import { parseHtml } from './load-page.ts';

const patients = demoPatients();

describe('demo e-Form pages read by the farmaflux adapter', () => {
  it.each(patients.map((p) => [p.id, p] as const))('%s', (_id, patient) => {
    const url = `http://127.0.0.1:47620/eform?patient=${patient.id}&entry=registration`;
    const doc = parseHtml(renderEform({ patient, entry: 'registration', patients }), url);
    const reading = readPage(doc, new URL(url));
    if (patient.id === TYPO_PATIENT_ID) {
      expect(reading).toMatchObject({ kind: 'invalid-insz', reason: 'bad-check-digits' });
      return;
    }
    expect(parseInsz(patient.insz).ok).toBe(true);
    expect(reading).toMatchObject({ kind: 'patient', adapterId: 'farmaflux', insz: patient.insz, entryPath: 'registration' });
    if (reading.kind !== 'patient') return;
    expect(reading.own).toEqual(
      patient.own.map((l) =>
        expect.objectContaining({ id: l.id, source: l.source, date: l.date, cnk: l.cnk, riziv: l.riziv, name: l.vaccine }),
      ),
    );
  });

  it('the echo patient’s own line is the simulator’s own registration', () => {
    const echo = patients.find((p) => p.id === 'own-registration-echo');
    expect(echo?.own).toHaveLength(1);
  });

  it('the home and registration screens are left alone', () => {
    for (const [html, url] of [
      [renderHome({ patients, popupFor: patients[0] }), 'http://127.0.0.1:47620/?popup=x'],
      [renderRegistration({ patient: patients[0], patients }), 'http://127.0.0.1:47620/registration?patient=x'],
    ] as const) {
      expect(readPage(parseHtml(html, url), new URL(url)).kind).toBe('nothing');
    }
  });
});
