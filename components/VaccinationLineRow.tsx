/**
 * One line of the merged history: date, CNK, vaccine name, vaccinator RIZIV
 * (silverpages link + copy) and, at the end, the source. Green for this
 * pharmacy's own registrations, white for everybody else's; own lines echoed
 * back by Vaccicard carry the "confirmed in Vaccicard" mark.
 *
 * Stable markup for tests: `data-line`, `data-source`, `data-own`, `data-confirmed`.
 */
import type { LineWarning, VaccinationLine } from '../lib/vaccination.ts';
import { registrationKey, warningKey } from '../lib/i18n/strings/ui.ts';
import { formatDate } from './format.ts';
import { useStrings } from './i18n.tsx';
import { RizivLink } from './RizivLink.tsx';
import { LineRegistration } from './registration/LineRegistration.tsx';

export function VaccinationLineRow(props: { line: VaccinationLine }) {
  const { line } = props;
  const { t } = useStrings();
  return (
    <li
      class={`vc-line ${line.own ? 'vc-line--own' : 'vc-line--others'}`}
      data-line={line.key}
      data-source={line.source}
      data-own={String(line.own)}
      data-confirmed={String(line.confirmed)}
      {...(line.registration ? { 'data-registration-state': line.registration.state } : {})}
    >
      <span class="vc-sr-only">{line.own ? t('line.own') : t('line.others')}. </span>
      <div class="vc-line__main">
        <span class="vc-line__date">{formatDate(line.date)}</span>
        <span class="vc-line__cnk">
          {line.cnk ? (
            <>
              <span class="vc-line__label">{t('line.cnk')} </span>
              {line.cnk}
            </>
          ) : (
            <span class="vc-line__missing">{t('line.noCnk')}</span>
          )}
        </span>
        <span class="vc-line__name">
          {line.name ?? <span class="vc-line__missing">{t('line.noName')}</span>}
          {line.lot ? <span class="vc-line__lot"> · {t('line.lot', { lot: line.lot })}</span> : null}
        </span>
      </div>
      <div class="vc-line__meta">
        <span class="vc-line__riziv">
          <span class="vc-line__label">{t('line.riziv')} </span>
          {line.riziv ? <RizivLink riziv={line.riziv} /> : <span class="vc-line__missing">{t('line.noRiziv')}</span>}
        </span>
        <span class="vc-line__source">
          <span class="vc-sr-only">{t('line.source')}: </span>
          {line.source}
        </span>
      </div>
      {line.confirmed || line.registration ? (
        <div class="vc-line__notes">
          {line.confirmed ? (
            <span class="vc-line__confirmed" data-confirmed-mark="">
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <circle cx="8" cy="8" r="8" fill="#1e8e3e" />
                <path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
              {t('line.confirmed')}
            </span>
          ) : null}
          {line.registration && !(line.confirmed && line.registration.state === 'confirmed') ? (
            <span class="vc-line__registration" data-registration={line.registration.state}>
              {t(registrationKey(line.registration.state))}
              {line.registration.reason ? `: ${line.registration.reason}` : ''}
            </span>
          ) : null}
          {line.registration ? <LineRegistration line={line} /> : null}
        </div>
      ) : null}
      {line.warnings.length > 0 ? (
        <ul class="vc-line__warnings">
          {line.warnings.map((w) => (
            <li class="vc-warning" data-warning={w.kind} key={w.kind}>
              {warningText(t, w)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function warningText(t: ReturnType<typeof useStrings>['t'], w: LineWarning): string {
  switch (w.kind) {
    case 'cnk-check-failed':
      return t(warningKey(w.kind), { cnk: w.cnk });
    case 'riziv-check-failed':
      return t(warningKey(w.kind), { riziv: w.riziv });
    case 'flu-already-this-season':
      return t(warningKey(w.kind));
  }
}
