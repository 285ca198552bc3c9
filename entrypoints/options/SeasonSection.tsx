/** The day the flu season starts (the flu block shows the season that contains today). */
import { useState } from 'preact/hooks';
import { Field, StatusLine } from './Field.tsx';
import { issueWords, issuesFor, type Issues } from './issues.ts';
import type { OptionsPlatform } from './platform.ts';
import { saveSettings, type Saved } from './save.ts';
import { useOptionsStrings } from './strings.tsx';

interface Props {
  platform: OptionsPlatform;
  saved: Saved;
  onSaved: (next: Saved) => void;
}

export function SeasonSection({ platform, saved, onSaved }: Props) {
  const { t } = useOptionsStrings();
  const [day, setDay] = useState(String(saved.settings.seasonWindow.startDay));
  const [month, setMonth] = useState(String(saved.settings.seasonWindow.startMonth));
  const [issues, setIssues] = useState<Issues>([]);
  const [status, setStatus] = useState<{ text: string; tone?: 'ok' | 'error' }>();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setStatus({ text: t('saving') });
    const r = await saveSettings(platform, {
      seasonWindow: { startDay: Number(day.trim() || NaN), startMonth: Number(month.trim() || NaN) },
    });
    if (r.kind === 'saved') {
      onSaved(r.value);
      setIssues([]);
      setStatus({ text: t('saved'), tone: 'ok' });
    } else if (r.kind === 'invalid') {
      setIssues(r.issues);
      setStatus({ text: t('notSaved'), tone: 'error' });
    } else {
      setStatus({ text: t(r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    }
  };

  const problems = issueWords(t, issuesFor(issues, 'seasonWindow'));
  return (
    <section class="vo-section" aria-labelledby="season-title">
      <h2 id="season-title">{t('season.legend')}</h2>
      <p class="vo-section__help">{t('season.help')}</p>
      <form onSubmit={onSubmit} noValidate data-form="season">
        <div class="vo-row">
          <Field id="seasonStartDay" label={t('season.startDay.label')} problems={problems}>
            {(aria) => (
              <input
                {...aria}
                name="seasonStartDay"
                type="number"
                min={1}
                max={31}
                value={day}
                onInput={(e) => setDay(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="seasonStartMonth" label={t('season.startMonth.label')}>
            {(aria) => (
              <input
                {...aria}
                name="seasonStartMonth"
                type="number"
                min={1}
                max={12}
                value={month}
                onInput={(e) => setMonth(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <div class="vo-actions">
          <button type="submit" data-action="save-season">
            {t('save')}
          </button>
        </div>
        <StatusLine id="season" text={status?.text} tone={status?.tone} />
      </form>
    </section>
  );
}
