/** This pharmacy's number and its pharmacists' RIZIV numbers (own-line detection). */
import { useState } from 'preact/hooks';
import { issueKey } from '../../lib/i18n/strings/options.ts';
import { Field, StatusLine } from './Field.tsx';
import { issueWords, issuesFor, itemIndex, type Issues } from './issues.ts';
import type { OptionsPlatform } from './platform.ts';
import { saveSettings, type Saved } from './save.ts';
import { useOptionsStrings } from './strings.tsx';

interface Props {
  platform: OptionsPlatform;
  saved: Saved;
  onSaved: (next: Saved) => void;
}

/** The non-empty lines, with the line number each came from. */
export function listLines(text: string): Array<{ value: string; line: number }> {
  return text
    .split(/\r?\n/)
    .map((value, i) => ({ value: value.trim(), line: i + 1 }))
    .filter((l) => l.value !== '');
}

export function PharmacySection({ platform, saved, onSaved }: Props) {
  const { t } = useOptionsStrings();
  const [number, setNumber] = useState(saved.settings.pharmacyNumber);
  const [rizivs, setRizivs] = useState(saved.settings.pharmacistRizivs.join('\n'));
  const [issues, setIssues] = useState<Issues>([]);
  const [sentLines, setSentLines] = useState<number[]>([]);
  const [status, setStatus] = useState<{ text: string; tone?: 'ok' | 'error' }>();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const lines = listLines(rizivs);
    setSentLines(lines.map((l) => l.line));
    setStatus({ text: t('saving') });
    const r = await saveSettings(platform, { pharmacyNumber: number, pharmacistRizivs: lines.map((l) => l.value) });
    if (r.kind === 'saved') {
      onSaved(r.value);
      setNumber(r.value.settings.pharmacyNumber);
      setRizivs(r.value.settings.pharmacistRizivs.join('\n'));
      setIssues([]);
      setStatus({ text: t('saved'), tone: 'ok' });
    } else if (r.kind === 'invalid') {
      setIssues(r.issues);
      setStatus({ text: t('notSaved'), tone: 'error' });
    } else {
      setStatus({ text: t(r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    }
  };

  const rizivProblems = issuesFor(issues, 'pharmacistRizivs').map((issue) => {
    const index = itemIndex(issue.path);
    const line = index !== undefined ? sentLines[index] : undefined;
    const problem = t(issueKey(issue.message));
    return line !== undefined ? t('pharmacy.rizivs.line', { line, problem }) : problem;
  });

  return (
    <section class="vo-section" aria-labelledby="pharmacy-title">
      <h2 id="pharmacy-title">{t('pharmacy.legend')}</h2>
      <p class="vo-section__help">{t('pharmacy.help')}</p>
      <form onSubmit={onSubmit} noValidate data-form="pharmacy">
        <Field
          id="pharmacyNumber"
          label={t('pharmacy.number.label')}
          problems={issueWords(t, issuesFor(issues, 'pharmacyNumber'))}
        >
          {(aria) => (
            <input
              {...aria}
              name="pharmacyNumber"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={number}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="pharmacistRizivs" label={t('pharmacy.rizivs.label')} problems={rizivProblems}>
          {(aria) => (
            <textarea
              {...aria}
              name="pharmacistRizivs"
              rows={4}
              spellcheck={false}
              value={rizivs}
              onInput={(e) => setRizivs(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="vo-actions">
          <button type="submit" data-action="save-pharmacy">
            {t('save')}
          </button>
        </div>
        <StatusLine id="pharmacy" text={status?.text} tone={status?.tone} />
      </form>
    </section>
  );
}
