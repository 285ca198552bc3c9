/**
 * Lookups from the side panel: the pharmacist types an INSZ. Each side-panel
 * port has its own lookup; a new INSZ abandons the previous one and nothing of
 * the previous patient is posted afterwards. The INSZ is validated here again:
 * an invalid one is answered `invalid-insz` and nothing is sent anywhere.
 * Side-panel state is not persisted: after a service-worker restart the side
 * panel reconnects and posts its `sidepanel:lookup` again.
 */
import { parseInsz } from '../identifiers/insz.ts';
import { SidepanelToBackground, type PanelState } from '../messages.ts';
import type { Settings } from '../settings/schema.ts';
import type { PortLike } from './extension-api.ts';
import type { HistoryBuilder } from './history-builder.ts';
import type { BackgroundLog } from './log.ts';
import type { LookupResult, LookupService } from './lookup-service.ts';
import { errorPanelState, idlePanelState, loadingPanelState, panelStateOfResult } from './panel-state.ts';
import { safePost } from './port-registry.ts';
import type { RegistrationLines } from './registration-lines.ts';

interface SideSession {
  insz?: string;
  panel: PanelState;
  result?: LookupResult;
  controller?: AbortController;
}

export interface SidepanelLookupsDeps {
  lookups: LookupService;
  settings: () => Promise<Settings>;
  buildHistory: HistoryBuilder;
  now: () => number;
  log: BackgroundLog;
  /** Registrations made through this product (green lines in the history). */
  registrations?: RegistrationLines;
}

export class SidepanelLookups {
  private readonly sessions = new Map<PortLike, SideSession>();

  constructor(private readonly deps: SidepanelLookupsDeps) {}

  get openPanels(): number {
    return this.sessions.size;
  }

  abandonAll(): void {
    for (const session of this.sessions.values()) session.controller?.abort();
    this.sessions.clear();
  }

  attach(port: PortLike): void {
    const initial: SideSession = { panel: idlePanelState() };
    this.sessions.set(port, initial);
    port.onMessage.addListener((raw: unknown) => {
      const parsed = SidepanelToBackground.safeParse(raw);
      if (!parsed.success) {
        this.deps.log.refused('sidepanel-port-message', { reason: 'invalid' });
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'sidepanel:lookup') this.lookup(port, msg.insz, false);
      else if (msg.type === 'sidepanel:refresh') {
        const insz = this.sessions.get(port)?.insz;
        if (insz) this.lookup(port, insz, true);
      } else this.show(port, { panel: idlePanelState() });
    });
    port.onDisconnect.addListener(() => {
      this.sessions.get(port)?.controller?.abort();
      this.sessions.delete(port);
    });
    safePost(port, { type: 'panel-state', state: initial.panel });
  }

  private lookup(port: PortLike, typed: string, refresh: boolean): void {
    const checked = parseInsz(typed);
    if (!checked.ok) {
      this.show(port, { panel: errorPanelState('invalid-insz') });
      return;
    }
    const insz = checked.value.insz;
    const session: SideSession = { insz, panel: loadingPanelState(insz), controller: new AbortController() };
    this.show(port, session);
    void this.run(port, session, refresh);
  }

  private async run(port: PortLike, session: SideSession, refresh: boolean): Promise<void> {
    const { insz, controller } = session;
    if (!insz || !controller) return;
    let result: LookupResult;
    try {
      result = await this.deps.lookups.lookup(insz, { signal: controller.signal, refresh });
    } catch {
      if (controller.signal.aborted) return;
      this.deps.log.problem('lookup-failed', { where: 'sidepanel' });
      result = { insz, outcome: { kind: 'failure', reason: 'hub-error' }, cacheUnavailable: false };
    }
    if (this.sessions.get(port) !== session || controller.signal.aborted) return;
    session.controller = undefined;
    session.result = result;
    await this.showResult(port, session);
    this.deps.registrations?.patientShown(insz);
  }

  private async showResult(port: PortLike, session: SideSession): Promise<void> {
    const insz = session.insz;
    const [settings, registrations] = await Promise.all([
      this.deps.settings(),
      insz && this.deps.registrations ? this.deps.registrations.forPatient(insz) : undefined,
    ]);
    if (this.sessions.get(port) !== session || !session.result) return;
    session.panel = panelStateOfResult(session.result, {
      own: [],
      settings,
      now: this.deps.now(),
      buildHistory: this.deps.buildHistory,
      ...(registrations ? { registrations } : {}),
    });
    safePost(port, { type: 'panel-state', state: session.panel });
  }

  /** Patients whose history a side panel shows now. */
  shownPatients(): string[] {
    return [...this.sessions.values()].flatMap((s) => (s.insz && s.result ? [s.insz] : []));
  }

  /** This patient's data changed: the side panels that show them merge their history again, quietly. */
  async showPatientAgain(insz: string, result?: LookupResult): Promise<void> {
    await Promise.all(
      [...this.sessions]
        .filter(([, s]) => s.insz === insz && s.result && !s.controller)
        .map(([port, s]) => {
          if (result) s.result = result;
          return this.showResult(port, s);
        }),
    );
  }

  /** The settings changed (pharmacy identity, flu season): every shown history is merged again. */
  async rebuildPanels(): Promise<void> {
    await Promise.all(
      [...this.sessions].filter(([, s]) => s.result && !s.controller).map(([port, s]) => this.showResult(port, s)),
    );
  }

  /** Makes `next` the port's session (abandoning the previous lookup) and posts its state. */
  private show(port: PortLike, next: SideSession): void {
    if (!this.sessions.has(port)) return;
    this.sessions.get(port)?.controller?.abort();
    this.sessions.set(port, next);
    safePost(port, { type: 'panel-state', state: next.panel });
  }
}
