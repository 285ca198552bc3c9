/**
 * Builds the background's services and wires them to the extension events.
 * Every listener is added synchronously (an MV3 service worker must have its
 * listeners in place in the first turn to be woken by the events); the work
 * that needs storage (resuming lookups, purging the cache, registering the
 * host content script) follows in `ready`.
 */
import { IdbConsultCache, type ConsultCache } from '../cache/consult-cache.ts';
import { cachePolicyFromSettings } from '../cache/freshness.ts';
import type { Settings } from '../settings/schema.ts';
import { IdbSecretStore, type SecretStore } from '../settings/secret-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { purgeExpired, schedulePurge } from './cache-maintenance.ts';
import { createConsultRun } from './consult-run.ts';
import { testConnection } from './connection-test.ts';
import type { BackgroundApi } from './extension-api.ts';
import { buildHistory as realBuildHistory, type HistoryBuilder } from './history-builder.ts';
import { removedPatterns, syncContentScripts } from './host-activation.ts';
import { consoleLog, type BackgroundLog } from './log.ts';
import { LookupService } from './lookup-service.ts';
import { createPrivilegedHandler } from './privileged.ts';
import type { RegistrationLines } from './registration-lines.ts';
import { RegistrationService } from './registration-service.ts';
import { IdbRegistrationStore, type RegistrationStore } from './registration-store.ts';
import type { TimerApi } from './registration-sync.ts';
import { createConnectListener, createMessageListener } from './router.ts';
import { SharedConsultFetcher } from './shared-consult.ts';
import { SidepanelLookups } from './sidepanel-lookups.ts';
import { TabLookups } from './tab-lookups.ts';
import { createTabSessionStore } from './tab-sessions.ts';

export interface BackgroundServicesOptions {
  api: BackgroundApi;
  settings: SettingsStore;
  secrets?: SecretStore;
  cache?: ConsultCache;
  buildHistory?: HistoryBuilder;
  log?: BackgroundLog;
  now?: () => number;
  /** The fetch used to call the companion (tests count calls with it). */
  fetch?: typeof fetch;
  consultTimeoutMs?: number;
  /** Where registrations are kept (default: the extension's IndexedDB). */
  registrationStore?: RegistrationStore;
  /** Makes idempotency keys (default `crypto.randomUUID`; tests). */
  newKey?: () => string;
  /** Delays between registration rounds (tests). */
  registrationBackoffMs?: readonly number[];
  /** Delays of a tab's quiet retries while the companion cannot be reached (tests). */
  unreachableRetryMs?: readonly number[];
  registrationTimers?: TimerApi;
}

export interface BackgroundServices {
  tabs: TabLookups;
  sidepanels: SidepanelLookups;
  lookups: LookupService;
  fetcher: SharedConsultFetcher;
  cache: ConsultCache;
  registrations: RegistrationService;
  /** Resumed lookups, first purge and host registration done. */
  ready: Promise<void>;
  /** Removes the listeners and abandons running lookups (what a stopped worker amounts to; tests). */
  dispose(): void;
}

export function startBackgroundServices(opts: BackgroundServicesOptions): BackgroundServices {
  const { api, settings } = opts;
  const log = opts.log ?? consoleLog();
  const now = opts.now ?? Date.now;
  const cache =
    opts.cache ?? new IdbConsultCache({ onError: (operation, name) => log.problem('cache-unavailable', { operation, error: name }) });
  const secrets = opts.secrets ?? new IdbSecretStore();
  const history = opts.buildHistory ?? realBuildHistory;
  const getSettings = () => settings.get();

  const fetcher = new SharedConsultFetcher(
    createConsultRun({
      settings: getSettings,
      secret: () => secrets.get(),
      cache,
      now,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.consultTimeoutMs !== undefined ? { timeoutMs: opts.consultTimeoutMs } : {}),
    }),
  );
  const lookups = new LookupService({
    cache,
    fetcher,
    now,
    policy: async () => cachePolicyFromSettings(await getSettings()),
  });
  // The registration service and the lookups need each other: the lines of one, the shown patients of the others.
  let registrations: RegistrationService | undefined;
  const registrationLines: RegistrationLines = {
    forPatient: (insz) => registrations?.forPatient(insz) ?? Promise.resolve({ own: [], views: [] }),
    patientShown: (insz) => registrations?.patientShown(insz),
  };
  const common = { lookups, settings: getSettings, buildHistory: history, now, log, registrations: registrationLines };
  const tabs = new TabLookups({
    ...common,
    sessions: createTabSessionStore(api.session),
    ...(opts.unreachableRetryMs ? { unreachableRetryMs: opts.unreachableRetryMs } : {}),
  });
  const sidepanels = new SidepanelLookups(common);
  const showAgain = (insz: string, result?: Parameters<TabLookups['showPatientAgain']>[1]) =>
    Promise.all([tabs.showPatientAgain(insz, result), sidepanels.showPatientAgain(insz, result)]).then(() => undefined);
  registrations = new RegistrationService({
    store:
      opts.registrationStore ??
      new IdbRegistrationStore({ onInvalidRecord: () => log.problem('registration-record-invalid') }),
    settings: getSettings,
    secret: () => secrets.get(),
    now,
    log,
    // After a worker restart the tab's patient comes back from its persisted session first.
    patientOfTab: async (tabId) => {
      await tabs.ensureLive(tabId);
      return tabs.patientOf(tabId);
    },
    shownPatients: () => [...tabs.shownPatients(), ...sidepanels.shownPatients()],
    changed: (insz) => showAgain(insz),
    consultAgain: async (insz) => {
      // Asked in the background: a failure leaves the shown history as it is.
      const result = await lookups.lookup(insz, { refresh: true });
      if (result.outcome.kind === 'answer') await showAgain(insz, result);
    },
    ...(api.alarms ? { alarms: api.alarms } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.newKey ? { newKey: opts.newKey } : {}),
    ...(opts.registrationBackoffMs ? { backoffMs: opts.registrationBackoffMs } : {}),
    ...(opts.registrationTimers ? { timers: opts.registrationTimers } : {}),
  });
  const registrationService = registrations;

  const syncHosts = async (s?: Settings) => {
    if (!api.scripting || !api.permissions) return;
    const current = s ?? (await getSettings());
    await syncContentScripts({ scripting: api.scripting, permissions: api.permissions }, current.activatedHosts).catch(
      () => log.problem('host-registration-failed'),
    );
  };
  const purge = async () => {
    await purgeExpired(cache, cachePolicyFromSettings(await getSettings()), now());
  };

  const privileged = createPrivilegedHandler({
    settings,
    secrets,
    cache,
    log,
    testConnection: (input) => testConnection({ ...input, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    afterSettingsSaved: async (before, after) => {
      const dropped = removedPatterns(before.activatedHosts, after.activatedHosts);
      if (dropped.length > 0 && api.permissions) {
        await api.permissions.remove({ origins: dropped }).catch(() => log.problem('permission-not-removed'));
      }
      await syncHosts(after);
      await purge();
      await Promise.all([tabs.rebuildPanels(), sidepanels.rebuildPanels()]);
    },
  });

  const self = { extensionId: api.extensionId, extensionOrigin: api.extensionOrigin };
  const routerDeps = {
    self,
    tabs,
    sidepanels,
    privileged,
    registration: (req: Parameters<RegistrationService['handle']>[0], from: Parameters<RegistrationService['handle']>[1]) =>
      registrationService.handle(req, from),
    log,
  };
  const onMessage = createMessageListener(routerDeps);
  const onConnect = createConnectListener(routerDeps);
  const onTabRemoved = (tabId: number) => tabs.tabRemoved(tabId);
  const onPermissionsChanged = () => void syncHosts();
  const onLifecycle = () => void syncHosts();

  api.onMessage.addListener(onMessage);
  api.onConnect.addListener(onConnect);
  api.onTabRemoved.addListener(onTabRemoved);
  api.permissions?.onAdded?.addListener(onPermissionsChanged);
  api.permissions?.onRemoved?.addListener(onPermissionsChanged);
  api.onInstalled?.addListener(onLifecycle);
  api.onStartup?.addListener(onLifecycle);
  const stopPurgeAlarm = api.alarms ? schedulePurge(api.alarms, () => void purge()) : () => undefined;

  const ready = (async () => {
    await api.session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    await tabs.resume().catch(() => log.problem('resume-failed'));
    await purge().catch(() => undefined);
    await syncHosts();
    // Registrations stored but not yet with the companion are handed over again (same keys).
    await registrationService.resume().catch(() => log.problem('registration-resume-failed'));
  })();

  return {
    tabs,
    sidepanels,
    lookups,
    fetcher,
    cache,
    registrations: registrationService,
    ready,
    dispose() {
      registrationService.dispose();
      api.onMessage.removeListener(onMessage);
      api.onConnect.removeListener(onConnect);
      api.onTabRemoved.removeListener(onTabRemoved);
      api.permissions?.onAdded?.removeListener(onPermissionsChanged);
      api.permissions?.onRemoved?.removeListener(onPermissionsChanged);
      api.onInstalled?.removeListener(onLifecycle);
      api.onStartup?.removeListener(onLifecycle);
      stopPurgeAlarm();
      tabs.abandonAll();
      sidepanels.abandonAll();
    },
  };
}
