/**
 * The demo platform's home screen: today's patients, with the sensitisation
 * pop-up that offers the flu/covid vaccination for one of them. Each patient
 * can be opened along the three entry paths of the e-Form.
 */
import type { DemoPatient } from '../demo-patient.ts';
import { demoStrip, esc, nav, niss, page, topbar } from './html.ts';

export function eformHref(patient: DemoPatient, entry: 'popup' | 'registration' | 'direct', layout?: 'v2'): string {
  const params = new URLSearchParams({ patient: patient.id, entry });
  if (layout) params.set('layout', layout);
  return `/eform?${params.toString()}`;
}

export function renderHome(opts: { patients: readonly DemoPatient[]; popupFor: DemoPatient | undefined }): string {
  const rows = opts.patients
    .map(
      (p) => `<tr>
  <td>${esc(p.name)}</td>
  <td class="ff-mono">${esc(niss(p.insz))}</td>
  <td>${esc(p.story)}</td>
  <td class="ff-links">
    <a href="/?popup=${esc(encodeURIComponent(p.id))}">Pop-up</a>
    <a href="/registration?patient=${esc(encodeURIComponent(p.id))}">Enregistrement</a>
    <a href="${esc(eformHref(p, 'direct'))}">Lien direct</a>
  </td>
</tr>`,
    )
    .join('\n');
  const first = opts.patients[0];
  const popup = opts.popupFor
    ? `<div class="ff-modal-backdrop">
  <div class="ff-modal" role="dialog" aria-modal="true" aria-labelledby="ff-popup-title">
    <h2 id="ff-popup-title">Sensibilisation vaccination</h2>
    <p><strong>${esc(opts.popupFor.name)}</strong> fait partie d’un groupe à risque : proposez la vaccination contre la grippe et la COVID-19.</p>
    <p class="ff-actions">
      <a class="ff-button ff-button--primary" href="${esc(eformHref(opts.popupFor, 'popup'))}">Ouvrir l’e-Form vaccination</a>
      <a class="ff-button" href="/">Plus tard</a>
    </p>
  </div>
</div>`
    : '';
  const body = `${topbar()}
${demoStrip(`Un patient, trois chemins vers l’e-Form : pop-up de sensibilisation, écran d’enregistrement, lien direct.${
    first ? ` Une mise à jour de la plateforme que l’overlay ne reconnaît pas : <a href="${esc(eformHref(first, 'direct', 'v2'))}">e-Form v2</a>.` : ''
  }`)}
<div class="ff-layout">
${nav('home')}
<main class="ff-main">
  <h1>Patients du jour</h1>
  <table class="ff-table">
    <thead><tr><th>Nom</th><th>NISS</th><th>Ce que montre l’overlay</th><th>Ouvrir l’e-Form</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
</main>
</div>
${popup}`;
  return page({ title: 'FarmaFlux · Accueil', body });
}

export function renderRegistration(opts: { patient: DemoPatient | undefined; patients: readonly DemoPatient[] }): string {
  const p = opts.patient;
  const body = `${topbar()}
<div class="ff-layout">
${nav('registration')}
<main class="ff-main">
  <h1>Enregistrement</h1>
  ${
    p
      ? `<section class="ff-card">
    <h2>${esc(p.name)}</h2>
    <p>Délivrance en cours. Ce patient peut être vacciné aujourd’hui.</p>
    <p class="ff-actions"><a class="ff-button ff-button--primary" href="${esc(eformHref(p, 'registration'))}">Vacciner : ouvrir l’e-Form</a></p>
  </section>`
      : `<p>Choisissez un patient sur l’<a href="/">accueil</a>.</p>`
  }
</main>
</div>`;
  return page({ title: 'FarmaFlux · Enregistrement', body });
}
