/**
 * The in-page history panel (an extension page inside an iframe on the
 * e-Form). Its data comes from the background over port `panel` for the
 * patient of its own tab, never through the host page or the content script.
 * It also registers vaccinations for that patient (the background takes the
 * patient from the tab, not from this page).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PORTS, type PanelState } from '../../lib/messages.ts';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { readRuntimeLastError } from '../../components/last-error.ts';
import { PanelPortClient } from '../../components/panel-port.ts';
import { RegistrationLauncher } from '../../components/registration/RegistrationLauncher.tsx';
import { RegistrationLinesProvider } from '../../components/registration/LineRegistration.tsx';
import { browserRegistrationPlatform } from '../../components/registration/registration-platform.ts';

const WAITING: PanelState = { status: { state: 'loading' }, hubFailures: [], parseFailures: 0 };

export function App() {
  const [state, setState] = useState<PanelState>(WAITING);
  const client = useRef<PanelPortClient | undefined>(undefined);
  const platform = useMemo(() => browserRegistrationPlatform(), []);
  // Connected as the first render commits, not after the first paint (useEffect waited a frame,
  // ~35 ms here, before the background could send the history).
  useLayoutEffect(() => {
    const c = new PanelPortClient(PORTS.panel, {
      connect: (name) => browser.runtime.connect({ name }),
      readLastError: readRuntimeLastError,
      onState: setState,
      replay: () => [],
    });
    client.current = c;
    c.open();
    return () => c.close();
  }, []);
  const withdraw = async (id: string) => (await platform.request({ type: 'registration:withdraw', id })).ok;
  return (
    <main class="vc-page vc-page--panel">
      <RegistrationLinesProvider registrations={state.registrations} withdraw={withdraw}>
        <HistoryPanel
          state={state}
          onRefresh={() => client.current?.post({ type: 'panel:refresh' })}
          actions={
            state.patientLabel ? <RegistrationLauncher key={state.patientLabel} state={state} platform={platform} /> : null
          }
        />
      </RegistrationLinesProvider>
    </main>
  );
}
