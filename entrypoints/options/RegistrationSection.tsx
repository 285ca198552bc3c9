/**
 * Who a registration names as its author: the pharmacy's name (its number is
 * in the pharmacy section) and the pharmacists who vaccinate here, with their
 * names, one of them proposed by default in the registration form.
 */
import { useMemo, useState } from 'preact/hooks';
import { issueKey } from '../../lib/i18n/strings/options.ts';
import { registrationIssueKey } from '../../lib/i18n/strings/registration-ui.ts';
import { registrationStringsFor } from '../../components/registration/strings.ts';
import { Field, StatusLine } from './Field.tsx';
import type { Issues } from './issues.ts';
import type { OptionsPlatform } from './platform.ts';
import { saveSettings, type Saved } from './save.ts';
import { useOptionsStrings } from './strings.tsx';

interface Props {
  platform: OptionsPlatform;
  saved: Saved;
  onSaved: (next: Saved) => void;
}

interface Row {
  riziv: string;
  firstName: string;
  familyName: string;
}

const emptyRow = (): Row => ({ riziv: '', firstName: '', familyName: '' });

export function RegistrationSection({ platform, saved, onSaved }: Props) {
  const { lang, t: to } = useOptionsStrings();
  const { t } = useMemo(() => registrationStringsFor(lang), [lang]);
  const [pharmacyName, setPharmacyName] = useState(saved.settings.pharmacyName);
  const [rows, setRows] = useState<Row[]>(() => saved.settings.vaccinators.map((v) => ({ ...v })));
  const [defaultRiziv, setDefaultRiziv] = useState(saved.settings.defaultVaccinator);
  const [issues, setIssues] = useState<Issues>([]);
  const [status, setStatus] = useState<{ text: string; tone?: 'ok' | 'error' }>();

  /** Words for the problems of exactly this path (`vaccinators.0.riziv`). */
  const exact = (path: string) => [
    ...new Set(
      issues
        .filter((i) => i.path === path)
        .map((i) => {
          const own = registrationIssueKey(i.message);
          return own ? t(own) : to(issueKey(i.message));
        }),
    ),
  ];

  const setRow = (index: number, patch: Partial<Row>) => setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setStatus({ text: to('saving') });
    const listed = rows.filter((r) => r.riziv.trim() !== '' || r.firstName.trim() !== '' || r.familyName.trim() !== '');
    const r = await saveSettings(platform, {
      pharmacyName,
      vaccinators: listed,
      defaultVaccinator: listed.some((row) => row.riziv === defaultRiziv) ? defaultRiziv : '',
    });
    if (r.kind === 'saved') {
      onSaved(r.value);
      setPharmacyName(r.value.settings.pharmacyName);
      setRows(r.value.settings.vaccinators.map((v) => ({ ...v })));
      setDefaultRiziv(r.value.settings.defaultVaccinator || (r.value.settings.vaccinators[0]?.riziv ?? ''));
      setIssues([]);
      setStatus({ text: to('saved'), tone: 'ok' });
    } else if (r.kind === 'invalid') {
      setRows(listed);
      setIssues(r.issues);
      setStatus({ text: to('notSaved'), tone: 'error' });
    } else {
      setStatus({ text: to(r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    }
  };

  const effectiveDefault = defaultRiziv || rows[0]?.riziv || '';

  return (
    <section class="vo-section" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('options.title')}</h2>
      <p class="vo-section__help">{t('options.help')}</p>
      <form onSubmit={onSubmit} noValidate data-form="registration">
        <Field id="pharmacyName" label={t('options.pharmacyName')} problems={exact('pharmacyName')}>
          {(aria) => (
            <input {...aria} name="pharmacyName" type="text" autoComplete="organization" value={pharmacyName}
              onInput={(e) => setPharmacyName(e.currentTarget.value)} />
          )}
        </Field>

        <fieldset class="vo-vaccinators">
          <legend>{t('options.vaccinators')}</legend>
          {rows.length === 0 ? <p class="vo-section__help">{t('options.none')}</p> : null}
          {rows.map((row, i) => (
            <div class="vo-vaccinator" key={i} data-vaccinator={i} role="group" aria-label={t('options.vaccinator', { n: i + 1 })}>
              <div class="vo-row">
                <Field id={`vaccinators-${i}-riziv`} label={t('options.vaccinator.riziv')} problems={exact(`vaccinators.${i}.riziv`)}>
                  {(aria) => (
                    <input {...aria} name={`vaccinators.${i}.riziv`} type="text" inputMode="numeric" autoComplete="off"
                      value={row.riziv} onInput={(e) => setRow(i, { riziv: e.currentTarget.value })} />
                  )}
                </Field>
                <Field id={`vaccinators-${i}-firstName`} label={t('options.vaccinator.firstName')} problems={exact(`vaccinators.${i}.firstName`)}>
                  {(aria) => (
                    <input {...aria} name={`vaccinators.${i}.firstName`} type="text" autoComplete="off"
                      value={row.firstName} onInput={(e) => setRow(i, { firstName: e.currentTarget.value })} />
                  )}
                </Field>
                <Field id={`vaccinators-${i}-familyName`} label={t('options.vaccinator.familyName')} problems={exact(`vaccinators.${i}.familyName`)}>
                  {(aria) => (
                    <input {...aria} name={`vaccinators.${i}.familyName`} type="text" autoComplete="off"
                      value={row.familyName} onInput={(e) => setRow(i, { familyName: e.currentTarget.value })} />
                  )}
                </Field>
              </div>
              <div class="vo-actions">
                <label class="vo-radio">
                  <input type="radio" name="defaultVaccinator" value={row.riziv} checked={row.riziv !== '' && row.riziv === effectiveDefault}
                    onChange={() => setDefaultRiziv(row.riziv)} />
                  {t('options.vaccinator.default')}
                </label>
                <button type="button" data-action="remove-vaccinator" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                  {t('options.vaccinator.remove', { n: i + 1 })}
                </button>
              </div>
            </div>
          ))}
          {exact('vaccinators').length + exact('defaultVaccinator').length > 0 ? (
            <ul class="vo-field__error" data-error-for="vaccinators">
              {[...exact('vaccinators'), ...exact('defaultVaccinator')].map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div class="vo-actions">
            <button type="button" data-action="add-vaccinator" onClick={() => setRows((all) => [...all, emptyRow()])}>
              {t('options.vaccinator.add')}
            </button>
          </div>
        </fieldset>

        <div class="vo-actions">
          <button type="submit" data-action="save-registration">
            {t('options.save')}
          </button>
        </div>
        <StatusLine id="registration" text={status?.text} tone={status?.tone} />
      </form>
    </section>
  );
}
