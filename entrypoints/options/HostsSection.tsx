/**
 * The host pages the overlay runs on. Activating a host asks the browser for
 * its permission (from the click itself: the browser needs the gesture), then
 * saves it; the background registers the e-Form content script for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseHostPattern } from '../../lib/settings/host-pattern.ts';
import { issueKey } from '../../lib/i18n/strings/options.ts';
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

export function HostsSection({ platform, saved, onSaved }: Props) {
  const { t } = useOptionsStrings();
  const hosts = saved.settings.activatedHosts;
  const [typed, setTyped] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<{ text: string; tone?: 'ok' | 'error' }>();

  useEffect(() => {
    let live = true;
    void Promise.all(hosts.map(async (h) => [h, await platform.hasHostPermission(h)] as const)).then((pairs) => {
      if (live) setGranted(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [hosts.join('\n')]);

  const save = async (next: string[]) => {
    const r = await saveSettings(platform, { activatedHosts: next });
    if (r.kind === 'saved') {
      onSaved(r.value);
      setStatus({ text: t('saved'), tone: 'ok' });
      return true;
    }
    if (r.kind === 'invalid') setProblems(issueWords(t, issuesFor(r.issues as Issues, 'activatedHosts')));
    setStatus({ text: t(r.kind === 'invalid' ? 'notSaved' : r.kind === 'unavailable' ? 'unavailable' : 'failed'), tone: 'error' });
    return false;
  };

  const onActivate = async (e: Event) => {
    e.preventDefault();
    const parsed = parseHostPattern(typed);
    if (!parsed.ok) {
      setProblems([t(issueKey(`host:${parsed.reason}`))]);
      return;
    }
    setProblems([]);
    // First thing after the click: the permission prompt.
    const ok = await platform.requestHostPermission(parsed.value);
    if (!ok) {
      setStatus({ text: t('hosts.denied', { host: parsed.value }), tone: 'error' });
      return;
    }
    if (await save([...hosts.filter((h) => h !== parsed.value), parsed.value])) setTyped('');
  };

  const onGrant = async (host: string) => {
    const ok = await platform.requestHostPermission(host);
    if (!ok) {
      setStatus({ text: t('hosts.denied', { host }), tone: 'error' });
      return;
    }
    setGranted((g) => ({ ...g, [host]: true }));
    await save(hosts); // the background registers the content script for it
  };

  return (
    <section class="vo-section" aria-labelledby="hosts-title">
      <h2 id="hosts-title">{t('hosts.legend')}</h2>
      <p class="vo-section__help">{t('hosts.help')}</p>
      {hosts.length === 0 ? (
        <p data-hosts="none">{t('hosts.none')}</p>
      ) : (
        <ul class="vo-hosts">
          {hosts.map((host) => (
            <li key={host} data-host={host} data-granted={String(granted[host] === true)}>
              <code>{host}</code>{' '}
              <span class={granted[host] ? 'vo-ok' : 'vo-warn'}>{t(granted[host] ? 'hosts.active' : 'hosts.missing')}</span>{' '}
              {granted[host] === false ? (
                <button type="button" onClick={() => void onGrant(host)} data-action="grant-host">
                  {t('hosts.grant', { host })}
                </button>
              ) : null}{' '}
              <button
                type="button"
                onClick={() => void save(hosts.filter((h) => h !== host))}
                data-action="remove-host"
                aria-label={t('hosts.remove', { host })}
              >
                {t('hosts.remove', { host })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onActivate} noValidate data-form="hosts">
        <Field id="activatedHost" label={t('hosts.add.label')} problems={problems}>
          {(aria) => (
            <input
              {...aria}
              name="activatedHost"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="vo-actions">
          <button type="submit" data-action="activate-host">
            {t('hosts.add.button')}
          </button>
        </div>
        <StatusLine id="hosts" text={status?.text} tone={status?.tone} />
      </form>
    </section>
  );
}
