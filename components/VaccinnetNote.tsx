/**
 * Vaccicard does not yet return registrations by Flemish providers
 * (Vaccinnet): say so, and point to the places holding the full record.
 */
import { useStrings } from './i18n.tsx';

export const FULL_RECORD_LINKS = [
  { key: 'vaccinnet.rsw', href: 'https://www.reseausantewallon.be' },
  { key: 'vaccinnet.rsb', href: 'https://brusselshealthnetwork.be' },
  { key: 'vaccinnet.vaccinnet', href: 'https://www.vaccinnet.be' },
] as const;

export function VaccinnetNote() {
  const { t } = useStrings();
  return (
    <aside class="vc-note" data-note="vaccinnet">
      <p>{t('vaccinnet.note')}</p>
      <ul class="vc-note__links">
        {FULL_RECORD_LINKS.map((link) => (
          <li key={link.key}>
            <a href={link.href} target="_blank" rel="noopener noreferrer">
              {t(link.key)}
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
