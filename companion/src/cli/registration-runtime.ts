/**
 * The registration side of `start`: the outbox (its journal in
 * `<data folder>/outbox/registrations.journal`), the registration service and
 * the sender, from the configuration and the upstream's channels. Problems
 * opening the outbox (damaged, used by another companion) are told in the
 * user's language with what to do; `start` then exits 1.
 */
import path from 'node:path';
import type { Translate } from '../../../lib/i18n/translate.ts';
import type { LoadedConfig } from '../config/load.ts';
import { FileLockedError } from '../outbox/durable-file.ts';
import { JournalCorruptError } from '../outbox/journal.ts';
import { OutboxSender } from '../outbox/sender.ts';
import { OutboxStore } from '../outbox/store.ts';
import { HOOK_POINTS, testHooksFromEnv, type OutboxTestHooks } from '../outbox/test-hooks.ts';
import { routingSettingsFrom } from '../registration/routing.ts';
import { RegistrationService } from '../registration/service.ts';
import type { CompanionLogger } from '../server/log.ts';
import { EXIT } from './io.ts';
import { APPLICATION_NAME } from './real-hubs.ts';
import type { RegistrationUpstreams } from './running-upstream.ts';
import type { CliStringKey } from './strings.ts';

export const OUTBOX_FOLDER = 'outbox';
export const OUTBOX_JOURNAL = 'registrations.journal';

export function outboxFile(dataDir: string): string {
  return path.join(dataDir, OUTBOX_FOLDER, OUTBOX_JOURNAL);
}

export interface RegistrationRuntime {
  service: RegistrationService;
  sender: OutboxSender;
  banner: string[];
  close(): Promise<void>;
}

export type RegistrationSetup = { ok: true; runtime: RegistrationRuntime } | { ok: false; message: string; exitCode: number };

export interface RegistrationRuntimeInput {
  loaded: LoadedConfig;
  upstreams: RegistrationUpstreams;
  simulator: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Standard error (test markers). */
  err: (line: string) => void;
  logger: CompanionLogger;
  version: string;
  t: Translate<CliStringKey>;
}

function destinationsText(input: RegistrationRuntimeInput): string {
  const { loaded, upstreams, t } = input;
  const routing = routingSettingsFrom(loaded.config);
  const parts: string[] = [];
  const hub = routing.vaccicardHub;
  if (!hub) parts.push(t('destNoHub'));
  else if (upstreams.available.hubs.includes(hub)) parts.push(t('destVaccicard', { hub: hub.toUpperCase() }));
  else parts.push(t('destHubNoAddress', { hub: hub.toUpperCase() }));
  const service = loaded.config.registration.vaccinnet.service === 'batchupload' ? 'BatchUpload' : 'RegistratieService';
  if (!routing.vaccinnetEnabled) parts.push(t('destVaccinnetOff'));
  else if (upstreams.available.vaccinnet) parts.push(t('destVaccinnet', { service }));
  else parts.push(t('destVaccinnetNoAddress'));
  return t('registrationsLine', { destinations: parts.join(', '), destination: routing.defaultDestination === 'vaccinnet' ? 'Vaccinnet' : 'Vaccicard' });
}

export async function startRegistrationRuntime(input: RegistrationRuntimeInput): Promise<RegistrationSetup> {
  const { loaded, t } = input;
  const c = loaded.config;
  const banner: string[] = [];

  let hooks: OutboxTestHooks | undefined;
  const hookSetting = testHooksFromEnv(input.env, input.err);
  if (!hookSetting.ok) return { ok: false, message: t('testHooksUnknown', { points: `${hookSetting.unknown.join(', ')} (${HOOK_POINTS.join(', ')})` }), exitCode: EXIT.usage };
  if (hookSetting.hooks && !input.simulator) banner.push(t('testHooksIgnored'));
  else if (hookSetting.hooks) {
    hooks = hookSetting.hooks;
    banner.push(t('testHooksActive', { points: hooks.pausing.length > 0 ? hooks.pausing.join(', ') : t('none') }));
  }

  const file = outboxFile(c.dataDir);
  let opened: Awaited<ReturnType<typeof OutboxStore.open>>;
  try {
    opened = await OutboxStore.open({ file, retentionDays: c.registration.outbox.retentionDays });
  } catch (e) {
    if (e instanceof JournalCorruptError) return { ok: false, message: t('outboxDamaged', { file, line: String(e.lineNumber), reason: e.reason }), exitCode: EXIT.failure };
    if (e instanceof FileLockedError) return { ok: false, message: t('outboxLocked', { file, pid: String(e.pid), lockFile: e.lockFile }), exitCode: EXIT.failure };
    return { ok: false, message: t('outboxUnreadable', { file, code: (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.name : 'error') }), exitCode: EXIT.failure };
  }
  const { store, report } = opened;
  const pharmacy = c.pharmacy;
  const service = new RegistrationService({
    store,
    routing: routingSettingsFrom(c),
    available: input.upstreams.available,
    pharmacy: { pharmacyNumber: pharmacy.pharmacyNumber, pharmacistRizivs: [pharmacy.pharmacist.riziv, ...pharmacy.otherPharmacists.map((p) => p.riziv)] },
    software: { name: APPLICATION_NAME, version: input.version },
    ...(hooks && { hooks }),
  });
  const outbox = c.registration.outbox;
  const sender = new OutboxSender({
    store,
    channels: input.upstreams.channels,
    backoff: { baseMs: outbox.retryBaseMs, maxMs: outbox.retryMaxMs },
    concurrency: outbox.concurrency,
    ...(hooks && { hooks }),
    event: (name, fields) => input.logger.event(name, fields),
  });

  banner.push(destinationsText(input), ...input.upstreams.banner);
  banner.push(t('outboxLine', { file, records: String(report.records), pending: String(report.withWork) }));
  if (report.truncatedBytes > 0) banner.push(t('outboxTornTail', { bytes: String(report.truncatedBytes) }));
  input.logger.event('outbox-opened', { records: report.records, pending: report.withWork, truncatedBytes: report.truncatedBytes });

  return {
    ok: true,
    runtime: {
      service,
      sender,
      banner,
      close: async () => {
        await sender.stop();
        await store.close();
      },
    },
  };
}
