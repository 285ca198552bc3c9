/**
 * The lookups bound to tabs. A content script reports the patient its page
 * shows; the lookup runs for that tab; its badge ports get the status and its
 * in-page panel ports get the panel state. A new patient in a tab abandons the
 * old lookup, and from that moment nothing of the old patient reaches the
 * tab's ports. The tab → patient session is persisted (tab-sessions.ts) so a
 * restarted service worker resumes the lookup when the tab's ports reconnect.
 * A lookup that could not reach the companion (not running, restarting) is
 * asked again by itself, quietly, while the tab still shows that patient and
 * someone watches it: the badge turns green once the companion is back.
 */
import { parseInsz } from '../identifiers/insz.ts';
import {
  ContentToBackground,
  PanelToBackground,
  type LookupStatus,
  type PageClearedMessage,
  type PagePatientMessage,
  type PanelState,
} from '../messages.ts';
import type { Settings } from '../settings/schema.ts';
import type { z } from 'zod';
import type { PortLike } from './extension-api.ts';
import type { HistoryBuilder } from './history-builder.ts';
import type { BackgroundLog } from './log.ts';
import type { LookupResult, LookupService } from './lookup-service.ts';
import { errorPanelState, idlePanelState, loadingPanelState, panelStateOfResult } from './panel-state.ts';
import { PortRegistry, safePost } from './port-registry.ts';
import type { TabPatient, TabSessionStore } from './tab-sessions.ts';
import type { RegistrationLines } from './registration-lines.ts';

type PagePatient = z.infer<typeof PagePatientMessage>;
type PageCleared = z.infer<typeof PageClearedMessage>;

interface LiveTab {
  tabId: number;
  frameId: number;
  patient?: TabPatient;
  status: LookupStatus;
  panel: PanelState;
  result?: LookupResult;
  /** Set while the lookup runs. */
  controller?: AbortController;
  /** The next quiet retry of a lookup that could not reach the companion. */
  retry?: { timer: unknown; attempt: number };
}

/** Waits before asking an unreachable companion again (the last one repeats while the tab shows the patient). */
export const UNREACHABLE_RETRY_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export interface RetryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const GLOBAL_TIMERS: RetryTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** The companion could not be reached: nothing from it, or a stale cached answer standing in. */
function companionUnreachable(result: LookupResult): boolean {
  const o = result.outcome;
  return o.kind === 'failure' ? o.reason === 'companion-down' : o.staleAgeMs !== undefined;
}

export interface TabLookupsDeps {
  lookups: LookupService;
  sessions: TabSessionStore;
  settings: () => Promise<Settings>;
  buildHistory: HistoryBuilder;
  now: () => number;
  log: BackgroundLog;
  ports?: PortRegistry;
  /** Registrations made through this product (green lines in the history). */
  registrations?: RegistrationLines;
  /** Delays of the quiet retries when the companion cannot be reached (default UNREACHABLE_RETRY_MS). */
  unreachableRetryMs?: readonly number[];
  timers?: RetryTimers;
}

export interface ContentSender {
  tabId: number;
  frameId: number;
}

export class TabLookups {
  private readonly live = new Map<number, LiveTab>();
  private readonly restoring = new Map<number, Promise<void>>();
  readonly ports: PortRegistry;

  constructor(private readonly deps: TabLookupsDeps) {
    this.ports = deps.ports ?? new PortRegistry();
  }

  /** What the tab's badge shows now (tests, the sendMessage path). */
  statusOf(tabId: number): LookupStatus {
    return this.live.get(tabId)?.status ?? { state: 'idle' };
  }

  /** What the tab's panel shows now. */
  panelOf(tabId: number): PanelState {
    return this.live.get(tabId)?.panel ?? idlePanelState();
  }

  /** The INSZ of the patient the tab's e-Form shows (the in-page panel registers for this one only). */
  patientOf(tabId: number): string | undefined {
    return this.live.get(tabId)?.patient?.insz;
  }

  /** Patients whose history a tab shows now. */
  shownPatients(): string[] {
    return [...this.live.values()].flatMap((tab) => (tab.patient && tab.result ? [tab.patient.insz] : []));
  }

  /**
   * This patient's data changed (a registration, or a new answer asked in the
   * background): the tabs that show them merge their history again, quietly
   * (no spinner). Tabs with a lookup under way show its answer when it comes.
   */
  async showPatientAgain(insz: string, result?: LookupResult): Promise<void> {
    const tabs = [...this.live.values()].filter((tab) => tab.patient?.insz === insz && tab.result && !tab.controller);
    await Promise.all(
      tabs.map(async (tab) => {
        if (result) tab.result = result;
        await this.showResult(tab);
        if (result) void this.persist(tab);
      }),
    );
  }

  /** Content script: this page shows this patient (the lookup starts at once). */
  async pagePatient(from: ContentSender, msg: PagePatient): Promise<void> {
    const { tabId, frameId } = from;
    const checked = parseInsz(msg.insz);
    if (!checked.ok) {
      this.replace({
        tabId,
        frameId,
        status: { state: 'error', reason: 'invalid-insz' },
        panel: errorPanelState('invalid-insz'),
      });
      return;
    }
    const patient: TabPatient = {
      insz: checked.value.insz,
      own: msg.own,
      adapterId: msg.adapterId,
      entryPath: msg.entryPath,
    };
    const current = this.live.get(tabId);
    if (current?.patient?.insz === patient.insz) {
      // Same patient (a reconnect, or the page's own lines changed): keep the lookup.
      current.patient = patient;
      current.frameId = frameId;
      if (current.result) await this.showResult(current);
      else this.publish(current);
      void this.persist(current);
      return;
    }
    this.start(tabId, frameId, patient, false);
  }

  /** Content script: no patient on this page any more (or the page is not recognised). */
  async pageCleared(from: ContentSender, msg: PageCleared): Promise<void> {
    const current = this.live.get(from.tabId);
    if (current?.patient && current.frameId !== from.frameId) return; // another frame owns the patient
    const status: LookupStatus =
      msg.reason === 'page-not-recognised' ? { state: 'error', reason: 'page-not-recognised' } : { state: 'idle' };
    this.replace({ tabId: from.tabId, frameId: from.frameId, status, panel: idlePanelState(status) });
  }

  /** The pharmacist asks the hubs again (panel's refresh). */
  refresh(tabId: number): void {
    const current = this.live.get(tabId);
    if (current?.patient) this.start(tabId, current.frameId, current.patient, true);
  }

  /** The settings changed (pharmacy identity, flu season): every shown history is merged again. */
  async rebuildPanels(): Promise<void> {
    await Promise.all([...this.live.values()].filter((tab) => tab.result).map((tab) => this.showResult(tab)));
  }

  /** Abandons every running lookup and forgets the in-memory state (the persisted sessions stay). */
  abandonAll(): void {
    for (const tab of this.live.values()) this.abandon(tab);
    this.live.clear();
  }

  tabRemoved(tabId: number): void {
    this.abandon(this.live.get(tabId));
    this.live.delete(tabId);
    void this.deps.sessions.remove(tabId).catch(() => undefined);
  }

  /** A content script's `badge` port (sender already checked). */
  attachBadge(port: PortLike, from: ContentSender): void {
    this.ports.add('badge', from.tabId, port);
    port.onMessage.addListener((raw: unknown) => {
      const parsed = ContentToBackground.safeParse(raw);
      if (!parsed.success) {
        this.deps.log.refused('badge-port-message', { reason: 'invalid' });
        return;
      }
      void this.handleContent(from, parsed.data);
    });
    port.onDisconnect.addListener(() => {
      this.ports.remove('badge', from.tabId, port);
      // The page that reported the patient has gone (navigation, reload, tab closed).
      const current = this.live.get(from.tabId);
      if (current && current.frameId === from.frameId && this.ports.count('badge', from.tabId) === 0) {
        this.forget(from.tabId);
      }
    });
    void this.ensureLive(from.tabId).then(() => {
      safePost(port, { type: 'status', status: this.statusOf(from.tabId) });
    });
  }

  /** The in-page panel's `panel` port (sender already checked: extension page in this tab). */
  attachPanel(port: PortLike, tabId: number): void {
    this.ports.add('panel', tabId, port);
    port.onMessage.addListener((raw: unknown) => {
      const parsed = PanelToBackground.safeParse(raw);
      if (!parsed.success) {
        this.deps.log.refused('panel-port-message', { reason: 'invalid' });
        return;
      }
      if (parsed.data.type === 'panel:refresh') this.refresh(tabId);
    });
    port.onDisconnect.addListener(() => this.ports.remove('panel', tabId, port));
    void this.ensureLive(tabId).then(() => {
      safePost(port, { type: 'panel-state', state: this.panelOf(tabId) });
    });
  }

  handleContent(from: ContentSender, msg: ContentToBackground): Promise<void> {
    return msg.type === 'page:patient' ? this.pagePatient(from, msg) : this.pageCleared(from, msg);
  }

  /** After a service-worker restart: restart the lookups that had not finished. */
  async resume(): Promise<void> {
    const sessions = await this.deps.sessions.all();
    await Promise.all(
      sessions.filter((s) => s.patient && s.status.state === 'loading').map((s) => this.ensureLive(s.tabId)),
    );
  }

  /** Brings a tab's state back from the persisted session when this worker has none. */
  ensureLive(tabId: number): Promise<void> {
    if (this.live.has(tabId)) return Promise.resolve();
    const pending = this.restoring.get(tabId);
    if (pending) return pending;
    const restore = (async () => {
      const session = await this.deps.sessions.get(tabId).catch(() => undefined);
      if (!session || this.live.has(tabId)) return;
      if (session.patient) {
        this.start(tabId, session.frameId, session.patient, false);
      } else {
        this.live.set(tabId, {
          tabId,
          frameId: session.frameId,
          status: session.status,
          panel: idlePanelState(session.status),
        });
      }
    })().finally(() => this.restoring.delete(tabId));
    this.restoring.set(tabId, restore);
    return restore;
  }

  private start(tabId: number, frameId: number, patient: TabPatient, refresh: boolean): void {
    this.abandon(this.live.get(tabId));
    const tab: LiveTab = {
      tabId,
      frameId,
      patient,
      status: { state: 'loading' },
      panel: loadingPanelState(patient.insz),
      controller: new AbortController(),
    };
    this.live.set(tabId, tab);
    this.publish(tab);
    void this.persist(tab);
    void this.run(tab, refresh);
  }

  private async run(tab: LiveTab, refresh: boolean): Promise<void> {
    const { patient, controller } = tab;
    if (!patient || !controller) return;
    let result: LookupResult;
    try {
      result = await this.deps.lookups.lookup(patient.insz, { signal: controller.signal, refresh });
    } catch {
      if (controller.signal.aborted) return;
      this.deps.log.problem('lookup-failed', { where: 'tab' });
      result = { insz: patient.insz, outcome: { kind: 'failure', reason: 'hub-error' }, cacheUnavailable: false };
    }
    if (this.live.get(tab.tabId) !== tab || controller.signal.aborted) return;
    tab.result = result;
    tab.controller = undefined;
    await this.showResult(tab);
    void this.persist(tab);
    this.deps.registrations?.patientShown(patient.insz);
    if (companionUnreachable(result)) this.scheduleRetry(tab, 0);
  }

  /** Asks an unreachable companion again after a while, if the tab still shows this patient to someone. */
  private scheduleRetry(tab: LiveTab, attempt: number): void {
    const delays = this.deps.unreachableRetryMs ?? UNREACHABLE_RETRY_MS;
    const timers = this.deps.timers ?? GLOBAL_TIMERS;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 30_000;
    tab.retry = { attempt, timer: timers.setTimeout(() => void this.retryQuietly(tab, attempt), delay) };
  }

  /** The retry: no spinner; the badge and panel change only when the companion answers. */
  private async retryQuietly(tab: LiveTab, attempt: number): Promise<void> {
    tab.retry = undefined;
    const { patient } = tab;
    if (this.live.get(tab.tabId) !== tab || !patient || tab.controller) return;
    if (this.ports.count('badge', tab.tabId) + this.ports.count('panel', tab.tabId) === 0) return;
    const controller = new AbortController();
    tab.controller = controller;
    let result: LookupResult;
    try {
      result = await this.deps.lookups.lookup(patient.insz, { signal: controller.signal, refresh: true });
    } catch {
      if (this.live.get(tab.tabId) === tab && tab.controller === controller) tab.controller = undefined;
      return;
    }
    if (this.live.get(tab.tabId) !== tab || controller.signal.aborted) return;
    tab.controller = undefined;
    if (companionUnreachable(result)) {
      this.scheduleRetry(tab, attempt + 1);
      return;
    }
    tab.result = result;
    await this.showResult(tab);
    void this.persist(tab);
    this.deps.registrations?.patientShown(patient.insz);
  }

  /** Stops what a tab state has running: its lookup and its next retry. */
  private abandon(tab: LiveTab | undefined): void {
    if (!tab) return;
    tab.controller?.abort();
    if (tab.retry) (this.deps.timers ?? GLOBAL_TIMERS).clearTimeout(tab.retry.timer);
    tab.retry = undefined;
  }

  private async showResult(tab: LiveTab): Promise<void> {
    const insz = tab.patient?.insz;
    const [settings, registrations] = await Promise.all([
      this.deps.settings(),
      insz && this.deps.registrations ? this.deps.registrations.forPatient(insz) : undefined,
    ]);
    if (this.live.get(tab.tabId) !== tab || !tab.result || !tab.patient || tab.patient.insz !== insz) return;
    tab.panel = panelStateOfResult(tab.result, {
      own: tab.patient.own,
      settings,
      now: this.deps.now(),
      buildHistory: this.deps.buildHistory,
      ...(registrations ? { registrations } : {}),
    });
    tab.status = tab.panel.status;
    this.publish(tab);
  }

  /** Replaces the tab's state with one that has no patient (abandoning any lookup). */
  private replace(next: Omit<LiveTab, 'patient' | 'result' | 'controller' | 'retry'>): void {
    this.abandon(this.live.get(next.tabId));
    const tab: LiveTab = { ...next };
    this.live.set(next.tabId, tab);
    this.publish(tab);
    void this.persist(tab);
  }

  private forget(tabId: number): void {
    this.abandon(this.live.get(tabId));
    this.live.delete(tabId);
    void this.deps.sessions.remove(tabId).catch(() => undefined);
  }

  private publish(tab: LiveTab): void {
    this.ports.postBadge(tab.tabId, { type: 'status', status: tab.status });
    this.ports.postPanel(tab.tabId, { type: 'panel-state', state: tab.panel });
  }

  private async persist(tab: LiveTab): Promise<void> {
    if (this.live.get(tab.tabId) !== tab) return;
    try {
      await this.deps.sessions.put({
        tabId: tab.tabId,
        frameId: tab.frameId,
        ...(tab.patient ? { patient: tab.patient } : {}),
        status: tab.status,
        updatedAt: this.deps.now(),
      });
    } catch {
      this.deps.log.problem('session-not-saved');
    }
  }
}
