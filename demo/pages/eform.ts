/**
 * The demo platform's vaccination e-Form: top bar with the word "Vaccicard"
 * at the right, the patient block with the NISS, the entry path it was opened
 * from, the vaccinations this pharmacy registered, a new-vaccination form, and
 * an empty right-hand column (where the overlay's panel goes). The demo strip
 * switches patient without reloading, as pharmacy software does.
 */
import type { DemoOwnLine, DemoPatient } from '../demo-patient.ts';
import { demoStrip, esc, frDate, nav, niss, page, topbar } from './html.ts';

export const ENTRY_PARAMS = ['popup', 'registration', 'direct'] as const;
export type EntryParam = (typeof ENTRY_PARAMS)[number];

export const ENTRY_LABELS: Readonly<Record<EntryParam, string>> = {
  popup: 'Ouvert depuis la pop-up de sensibilisation',
  registration: 'Ouvert depuis l’écran d’enregistrement',
  direct: 'Ouvert par un lien direct',
};

/** `current`: the layout the adapter knows; `v2`: a platform update that renamed things (the adapter must fail visibly). */
export type EformLayout = 'current' | 'v2';

export interface EformOptions {
  patient: DemoPatient | undefined;
  entry: EntryParam;
  patients: readonly DemoPatient[];
  layout?: EformLayout;
}

export function ownLineRow(line: DemoOwnLine): string {
  return `<tr data-registration-id="${esc(line.id)}">
  <td data-col="date">${esc(frDate(line.date))}</td>
  <td data-col="type">${esc(line.type)}</td>
  <td data-col="cnk">${esc(line.cnk ?? '')}</td>
  <td data-col="vaccine">${esc(line.vaccine)}</td>
  <td data-col="riziv">${esc(line.riziv)}</td>
  <td data-col="lot">${esc(line.lot ?? '')}</td>
  <td data-col="source">${esc(line.source)}</td>
</tr>`;
}

function ownTable(patient: DemoPatient | undefined): string {
  const rows = patient?.own ?? [];
  return `<table class="ff-table" id="ff-own-vaccinations">
  <caption>Vaccinations enregistrées par cette pharmacie</caption>
  <thead><tr><th>Date</th><th>Type</th><th>CNK</th><th>Vaccin</th><th>INAMI vaccinateur</th><th>Lot</th><th>Source</th></tr></thead>
  <tbody>
${rows.map(ownLineRow).join('\n')}
  </tbody>
</table>
<p class="ff-empty" id="ff-own-empty"${rows.length > 0 ? ' hidden' : ''}>Aucune vaccination enregistrée par cette pharmacie pour ce patient.</p>`;
}

function patientBlock(patient: DemoPatient | undefined, layout: EformLayout): string {
  const inputName = layout === 'v2' ? 'patient.nationalNumber' : 'patient.niss';
  return `<section class="ff-card" id="ff-patient" aria-labelledby="ff-patient-title">
  <h2 id="ff-patient-title">Patient</h2>
  <div class="ff-fields">
    <label class="ff-field"><span>Nom</span><output id="ff-patient-name">${esc(patient?.name ?? '—')}</output></label>
    <label class="ff-field"><span>NISS</span><input name="${inputName}" id="ff-patient-niss" value="${esc(patient ? niss(patient.insz) : '')}" readonly></label>
  </div>
</section>`;
}

function newVaccination(): string {
  return `<section class="ff-card" aria-labelledby="ff-new-title">
  <h2 id="ff-new-title">Nouvelle vaccination</h2>
  <div class="ff-fields ff-fields--grid">
    <label class="ff-field"><span>Type</span><select name="new.type"><option>Grippe</option><option>COVID-19</option></select></label>
    <label class="ff-field"><span>Vaccin</span><select name="new.vaccine"><option>Vaxigrip</option><option>Influvac</option><option>Alpharix</option><option>Efluelda</option><option>Fluad</option><option>Comirnaty</option></select></label>
    <label class="ff-field"><span>Date</span><input name="new.date" type="date"></label>
    <label class="ff-field"><span>Lot</span><input name="new.lot"></label>
  </div>
  <p class="ff-actions"><button type="button" class="ff-button" disabled>Enregistrer (démo)</button></p>
</section>`;
}

function patientSwitch(patients: readonly DemoPatient[], current: DemoPatient | undefined): string {
  const options = patients
    .map((p) => `<option value="${esc(p.id)}"${p.id === current?.id ? ' selected' : ''}>${esc(p.name)} — ${esc(p.story)}</option>`)
    .join('');
  return demoStrip(`<label>Changer de patient sans recharger la page
  <select id="demo-patient-switch"><option value="">— aucun patient —</option>${options}</select></label>
  <a href="/">Index de la démo</a>`);
}

export function renderEform(opts: EformOptions): string {
  const layout = opts.layout ?? 'current';
  const formAttrs =
    layout === 'v2'
      ? `id="ff-eform-2" data-form-kind="vaccination" data-entry="${esc(opts.entry)}"`
      : `id="ff-eform" data-form="vaccination" data-entry="${esc(opts.entry)}"`;
  const body = `${topbar()}
${patientSwitch(opts.patients, opts.patient)}
<div class="ff-layout">
${nav('vaccination')}
<main class="ff-main">
  <p class="ff-breadcrumb">Vaccination › e-Form</p>
  <h1>e-Form vaccination grippe et COVID-19</h1>
  <p class="ff-entry" data-entry-label="">${esc(ENTRY_LABELS[opts.entry])}</p>
  <form ${formAttrs}>
${patientBlock(opts.patient, layout)}
    <section class="ff-card" aria-labelledby="ff-own-title">
      <h2 id="ff-own-title">Historique dans la pharmacie</h2>
${ownTable(opts.patient)}
    </section>
${newVaccination()}
  </form>
</main>
<aside id="ff-sidebar" class="ff-sidebar" aria-label="Compléments"></aside>
</div>`;
  return page({ title: 'FarmaFlux · e-Form vaccination', body, scripts: ['/static/eform.js'] });
}
