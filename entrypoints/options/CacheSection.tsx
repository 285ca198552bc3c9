/** Cache time-to-live, the stale window, and "clear cached patient data". */
import { useEffect, useState } from 'preact/hooks';
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

export const TTL_MINUTES = { min: 1, max: 1440 } as const;
export const STALE_HOURS = { min: 1, max: 168 } as const;

/** `900` s → `"15"`; fractions (set by tests) keep two decimals. */
export function showUnits(seconds: number, unitSeconds: number): string {
  return String(Math.round((seconds / unitSeconds) * 100) / 100);
}

/** The typed number of units in seconds, or undefined when not a number in range. */
export function readUnits(text: string, unitSeconds: number, range: { min: number; max: number }): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(n) || n < range.min || n > range.max) return undefined;
  return Math.round(n * unitSeconds);
}

type CacheInfo = { available: boolean; entries: number } | undefined;

export function CacheSection({ platform, saved, onSaved }: Props) {
  const { t } = useOptionsStrings();
  const [ttl, setTtl] = useState(showUnits(saved.settings.cacheTtlSeconds, 60));
  const [stale, setStale] = useState(showUnits(saved.settings.cacheMaxStaleSeconds, 3600));
  const [issues, setIssues] = useState<Issues>([]);
  const [local, setLocal] = useState<{ ttl?: string; stale?: string }>({});
  const [status, setStatus] = useState<{ text: string; tone?: 'ok' | 'error' }>();
  const [info, setInfo] = useState<CacheInfo>(undefined);

  const refreshInfo = async () => {
    const answer = await platform.request({ type: 'cache:info' });
    setInfo(answer.ok ? { available: answer.available, entries: answer.entries } : { available: false, entries: 0 });
  };
  useEffect(() => {
    void refreshInfo();
  }, []);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const ttlSeconds = readUnits(ttl, 60, TTL_MINUTES);
    const staleSeconds = readUnits(stale, 3600, STALE_HOURS);
    const localProblems = {
      ...(ttlSeconds === undefined ? { ttl: t('issue.range.ttlMinutes') } : {}),
      ...(staleSeconds === undefined ? { stale: t('issue.range.staleHours') } : {}),
    };
    setLocal(localProblems);
    if (ttlSeconds === undefined || staleSeconds === undefined) {
      setIssues([]);
      setStatus({ text: t('notSaved'), tone: 'error' });
      return;
    }
    setStatus({ text: t('saving') });
    const r = await saveSettings(platform, { cacheTtlSeconds: ttlSeconds, cacheMaxStaleSeconds: staleSeconds });
    if (r.kind === 'saved') {
      onSaved(r.value);
      setIssues([]);
      setStatus({ text: t('saved'), tone: 'ok' });
      void refreshInfo();
    } else if (r.kind === 'invalid') {
      setIssues(r.issues);
      setStatus({ text: t('notSaved'), tone: 'error' });
    } else {
      setStatus({ text: t(r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    }
  };

  const onClear = async () => {
    const answer = await platform.request({ type: 'cache:clear' });
    setStatus(
      answer.ok
        ? { text: t('cache.cleared', { n: answer.removed }), tone: 'ok' }
        : { text: t('cache.unavailable'), tone: 'error' },
    );
    void refreshInfo();
  };

  const ttlProblems = [...(local.ttl ? [local.ttl] : []), ...issueWords(t, issuesFor(issues, 'cacheTtlSeconds'))];
  const staleProblems = [
    ...(local.stale ? [local.stale] : []),
    ...issueWords(t, issuesFor(issues, 'cacheMaxStaleSeconds')),
  ];

  return (
    <section class="vo-section" aria-labelledby="cache-title">
      <h2 id="cache-title">{t('cache.legend')}</h2>
      <p class="vo-section__help">{t('cache.help')}</p>
      <form onSubmit={onSubmit} noValidate data-form="cache">
        <Field id="cacheTtlMinutes" label={t('cache.ttl.label')} problems={ttlProblems}>
          {(aria) => (
            <input
              {...aria}
              name="cacheTtlMinutes"
              type="number"
              min={TTL_MINUTES.min}
              max={TTL_MINUTES.max}
              step="any"
              value={ttl}
              onInput={(e) => setTtl(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="cacheMaxStaleHours" label={t('cache.stale.label')} problems={staleProblems}>
          {(aria) => (
            <input
              {...aria}
              name="cacheMaxStaleHours"
              type="number"
              min={STALE_HOURS.min}
              max={STALE_HOURS.max}
              step="any"
              value={stale}
              onInput={(e) => setStale(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="vo-actions">
          <button type="submit" data-action="save-cache">
            {t('save')}
          </button>
          <button type="button" data-action="clear-cache" onClick={onClear}>
            {t('cache.clear')}
          </button>
        </div>
        <p data-cache-entries={info?.available ? info.entries : undefined}>
          {info === undefined ? '' : info.available ? t('cache.entries', { n: info.entries }) : t('cache.unavailable')}
        </p>
        <StatusLine id="cache" text={status?.text} tone={status?.tone} />
      </form>
    </section>
  );
}
