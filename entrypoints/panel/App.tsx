/**
 * The in-page history panel (an extension page inside an iframe on the
 * e-Form). Its data comes from the background over port `panel` for the
 * patient of its own tab, never through the host page or the content script.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PORTS, type PanelState } from '../../lib/messages.ts';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { readRuntimeLastError } from '../../components/last-error.ts';
import { PanelPortClient } from '../../components/panel-port.ts';

const WAITING: PanelState = { status: { state: 'loading' }, hubFailures: [], parseFailures: 0 };

export function App() {
  const [state, setState] = useState<PanelState>(WAITING);
  const client = useRef<PanelPortClient | undefined>(undefined);
  useEffect(() => {
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
  return (
    <main class="vc-page vc-page--panel">
      <HistoryPanel state={state} onRefresh={() => client.current?.post({ type: 'panel:refresh' })} />
    </main>
  );
}
