/**
 * The options page: companion and pairing, this pharmacy, host pages, flu
 * season, cache. Every change goes to the background as a privileged
 * request (accepted from this page only) and is validated there.
 */
import { useEffect, useState } from 'preact/hooks';
import { CacheSection } from './CacheSection.tsx';
import { CompanionSection } from './CompanionSection.tsx';
import { HostsSection } from './HostsSection.tsx';
import { PharmacySection } from './PharmacySection.tsx';
import { RegistrationSection } from './RegistrationSection.tsx';
import type { OptionsPlatform } from './platform.ts';
import type { Saved } from './save.ts';
import { SeasonSection } from './SeasonSection.tsx';
import { useOptionsStrings } from './strings.tsx';

export function App({ platform }: { platform: OptionsPlatform }) {
  const { t } = useOptionsStrings();
  const [saved, setSaved] = useState<Saved | 'failed' | undefined>(undefined);

  useEffect(() => {
    void platform.request({ type: 'settings:get' }).then((answer) => {
      setSaved(answer.ok ? { settings: answer.settings, pairing: answer.pairing } : 'failed');
    });
  }, []);

  return (
    <main class="vo-page" data-ready={saved !== undefined && saved !== 'failed' ? 'true' : 'false'}>
      <h1>{t('page.title')}</h1>
      <p>{t('page.intro')}</p>
      {saved === undefined ? null : saved === 'failed' ? (
        <p role="alert">{t('failed')}</p>
      ) : (
        <>
          <CompanionSection platform={platform} saved={saved} onSaved={setSaved} />
          <PharmacySection platform={platform} saved={saved} onSaved={setSaved} />
          <RegistrationSection platform={platform} saved={saved} onSaved={setSaved} />
          <HostsSection platform={platform} saved={saved} onSaved={setSaved} />
          <SeasonSection platform={platform} saved={saved} onSaved={setSaved} />
          <CacheSection platform={platform} saved={saved} onSaved={setSaved} />
        </>
      )}
    </main>
  );
}
