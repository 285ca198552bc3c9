/**
 * Companion address and pairing secret (never shown back: only its
 * fingerprint), with the connection test.
 */
import { useState } from 'preact/hooks';
import type { ConnectionReport } from '../../lib/messages.ts';
import { ConnectionResult } from './ConnectionResult.tsx';
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

type Status = { text: string; tone?: 'ok' | 'error' } | undefined;

export function CompanionSection({ platform, saved, onSaved }: Props) {
  const { t } = useOptionsStrings();
  const [url, setUrl] = useState(saved.settings.companionUrl);
  const [secret, setSecret] = useState('');
  const [issues, setIssues] = useState<Issues>([]);
  const [status, setStatus] = useState<Status>(undefined);
  const [report, setReport] = useState<ConnectionReport | 'running' | 'failed' | undefined>(undefined);
  const { pairing } = saved;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setStatus({ text: t('saving') });
    const r = await saveSettings(platform, { companionUrl: url }, secret.trim());
    if (r.kind === 'saved') {
      onSaved(r.value);
      setUrl(r.value.settings.companionUrl);
      setSecret('');
      setIssues([]);
      setStatus({ text: t('saved'), tone: 'ok' });
    } else if (r.kind === 'invalid') {
      setIssues(r.issues);
      setStatus({ text: t('notSaved'), tone: 'error' });
    } else {
      setStatus({ text: t(r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    }
  };

  const onTest = async () => {
    setReport('running');
    const typed = secret.trim();
    const answer = await platform.request({
      type: 'connection:test',
      companionUrl: url,
      ...(typed ? { pairingSecret: typed } : {}),
    });
    setReport(answer.ok ? answer.report : 'failed');
  };

  const onForget = async () => {
    const answer = await platform.request({ type: 'pairing:clear' });
    if (answer.ok) {
      onSaved({ settings: saved.settings, pairing: answer.pairing });
      setStatus({ text: t('pairing.forgotten'), tone: 'ok' });
    } else {
      setStatus({ text: t('unavailable'), tone: 'error' });
    }
  };

  return (
    <section class="vo-section" aria-labelledby="companion-title">
      <h2 id="companion-title">{t('companion.legend')}</h2>
      <form onSubmit={onSubmit} noValidate data-form="companion">
        <Field
          id="companionUrl"
          label={t('companion.url.label')}
          help={t('companion.url.help')}
          problems={issueWords(t, issuesFor(issues, 'companionUrl'))}
        >
          {(aria) => (
            <input
              {...aria}
              name="companionUrl"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              value={url}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="pairingSecret"
          label={t('pairing.label')}
          help={t('pairing.help')}
          problems={issueWords(t, issuesFor(issues, 'pairingSecret'))}
        >
          {(aria) => (
            <input
              {...aria}
              name="pairingSecret"
              type="password"
              autoComplete="off"
              spellcheck={false}
              value={secret}
              onInput={(e) => setSecret(e.currentTarget.value)}
            />
          )}
        </Field>
        <p class="vo-pairing" data-pairing={pairing.paired ? 'paired' : 'not-paired'}>
          {pairing.paired && pairing.fingerprint ? (
            <>
              {t('pairing.paired', { fingerprint: '' })}
              <code data-fingerprint>{pairing.fingerprint}</code>
            </>
          ) : (
            t('pairing.notPaired')
          )}
        </p>
        <div class="vo-actions">
          <button type="submit" data-action="save-companion">
            {t('save')}
          </button>
          <button type="button" data-action="test-connection" onClick={onTest} disabled={report === 'running'}>
            {t('test.button')}
          </button>
          {pairing.paired ? (
            <button type="button" data-action="forget-pairing" onClick={onForget}>
              {t('pairing.forget')}
            </button>
          ) : null}
        </div>
        <StatusLine id="companion" text={status?.text} tone={status?.tone} />
      </form>
      <ConnectionResult report={report} />
    </section>
  );
}
