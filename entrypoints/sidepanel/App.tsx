/**
 * The side panel (Chrome/Edge side panel, Firefox sidebar): look any patient
 * up by INSZ. The number is checked here first (an invalid INSZ never leaves
 * the page); the badge and the history are the same components as on the
 * e-Form, fed by the background over port `sidepanel`.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PORTS, type PanelState, type SidepanelToBackground } from '../../lib/messages.ts';
import { Badge } from '../../components/Badge.tsx';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { useStrings } from '../../components/i18n.tsx';
import { InszField } from '../../components/InszField.tsx';
import { readRuntimeLastError } from '../../components/last-error.ts';
import { PanelPortClient } from '../../components/panel-port.ts';
import { RegistrationLauncher } from '../../components/registration/RegistrationLauncher.tsx';
import { RegistrationLinesProvider } from '../../components/registration/LineRegistration.tsx';
import { browserRegistrationPlatform } from '../../components/registration/registration-platform.ts';

export function App() {
  const { t } = useStrings();
  const [state, setState] = useState<PanelState | undefined>(undefined);
  const client = useRef<PanelPortClient | undefined>(undefined);
  /** What this side panel asked for: posted again if the service worker restarts. */
  const lookup = useRef<SidepanelToBackground | undefined>(undefined);
  /** The INSZ looked up (11 digits), for the registration form. */
  const [insz, setInsz] = useState<string | undefined>(undefined);
  const platform = useMemo(() => browserRegistrationPlatform(), []);
  const withdraw = async (id: string) => (await platform.request({ type: 'registration:withdraw', id })).ok;

  useEffect(() => {
    const c = new PanelPortClient(PORTS.sidepanel, {
      connect: (name) => browser.runtime.connect({ name }),
      readLastError: readRuntimeLastError,
      // States for a lookup this page no longer shows (cleared, or a refused number typed since) are dropped.
      onState: (next) => {
        if (lookup.current === undefined && next.status.state !== 'idle') return;
        setState(next);
      },
      replay: () => (lookup.current ? [lookup.current] : []),
    });
    client.current = c;
    c.open();
    return () => c.close();
  }, []);

  const post = (message: SidepanelToBackground) => client.current?.post(message);
  /** Nothing of an earlier patient stays on screen once the field is cleared or holds a refused number. */
  const forget = () => {
    if (lookup.current === undefined && state === undefined) return;
    lookup.current = undefined;
    setInsz(undefined);
    setState(undefined);
    post({ type: 'sidepanel:clear' });
  };
  const showing = state !== undefined && (state.status.state !== 'idle' || state.history !== undefined);

  return (
    <main class="vc-page vc-page--sidepanel">
      <h1 class="vc-page__title">{t('sidepanel.title')}</h1>
      <InszField
        onLookup={(insz) => {
          lookup.current = { type: 'sidepanel:lookup', insz };
          setInsz(insz);
          setState({ status: { state: 'loading' }, hubFailures: [], parseFailures: 0 });
          post(lookup.current);
        }}
        onClear={forget}
        onInvalid={forget}
      />
      {showing ? (
        <>
          <div class="vc-page__status">
            <Badge status={state.status} variant="labelled" />
          </div>
          <RegistrationLinesProvider registrations={state.registrations} withdraw={withdraw}>
            <HistoryPanel
              state={state}
              onRefresh={() => post({ type: 'sidepanel:refresh' })}
              actions={
                insz && state.patientLabel ? (
                  <RegistrationLauncher key={insz} insz={insz} state={state} platform={platform} />
                ) : null
              }
            />
          </RegistrationLinesProvider>
        </>
      ) : null}
    </main>
  );
}
