/**
 * `start`: load the configuration (or the simulator's demo identity), find
 * the pairing secret, build the upstream (simulated or real hubs), serve the
 * local API on 127.0.0.1, print what matters (never the secret), and stop
 * cleanly on SIGINT/SIGTERM.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import { HUB_IDS } from '../../../lib/vaccination.ts';
import type { LoadedConfig } from '../config/load.ts';
import { describeOriginPolicy } from '../config/origins.ts';
import { resolvePairingSecret, type SecretResolution } from '../pairing/secret.ts';
import { createCompanionServer } from '../server/create-server.ts';
import { createJsonLogger } from '../server/log.ts';
import { loadOrCreateLogKey } from '../server/log-key.ts';
import { serverSettingsFrom, type CompanionMode } from '../server/settings.ts';
import { configForCommand, describeSource, reportConfigProblems } from './config-for-command.ts';
import { EXIT, type CliIo } from './io.ts';
import { UpstreamSetupError, type RunningUpstream } from './running-upstream.ts';
import type { CliStringKey } from './strings.ts';
import { startRegistrationRuntime, type RegistrationRuntime } from './registration-runtime.ts';
import { withEchoConfirmation } from '../registration/consult-echo.ts';

export interface StartOptions {
  simulator: boolean;
  fixtures?: string;
  port?: number;
  config?: string;
}

/** How `start` gets its upstream; the default wiring is in wiring.ts, tests pass their own. */
export interface StartWiring {
  simulator(input: {
    loaded: LoadedConfig;
    fixturesDir?: string;
    version: string;
    t: Translate<CliStringKey>;
    lang: Lang;
    env?: Readonly<Record<string, string | undefined>>;
    err?: (line: string) => void;
  }): Promise<RunningUpstream>;
  realHubs(input: {
    loaded: LoadedConfig;
    version: string;
    t: Translate<CliStringKey>;
    lang: Lang;
    env: Readonly<Record<string, string | undefined>>;
  }): Promise<RunningUpstream>;
}

function secretProblem(r: Extract<SecretResolution, { ok: false }>, t: Translate<CliStringKey>): string {
  if (r.problem === 'env-malformed') return t('secretEnvMalformed');
  switch (r.problem) {
    case 'missing':
      return t('secretMissing');
    case 'too-open':
      return t('secretTooOpen', { file: r.file });
    case 'malformed':
      return t('secretMalformed', { file: r.file });
    case 'unreadable':
      return t('secretUnreadable', { file: r.file });
  }
}

function realMode(loaded: LoadedConfig): CompanionMode {
  const hubs = loaded.config.hubs;
  const used = HUB_IDS.filter((h) => hubs[h].endpoints[hubs[h].environment]);
  return used.length > 0 && used.every((h) => hubs[h].environment === 'production') ? 'production' : 'acceptance';
}

export async function startCommand(
  io: CliIo,
  t: Translate<CliStringKey>,
  lang: Lang,
  options: StartOptions,
  wiring: StartWiring,
  version: string,
): Promise<number> {
  let fixturesDir: string | undefined;
  if (options.fixtures !== undefined) {
    fixturesDir = path.resolve(options.fixtures);
    const isDir = await stat(fixturesDir).then((s) => s.isDirectory(), () => false);
    if (!isDir) {
      io.err(t('fixturesMissing', { dir: fixturesDir }));
      return EXIT.usage;
    }
  }

  const result = await configForCommand({
    facts: io.facts,
    lang,
    realHubs: !options.simulator,
    ...(options.config !== undefined && { flag: options.config }),
  });
  if (!result.ok) {
    io.err(reportConfigProblems(result, t));
    return EXIT.config;
  }
  const loaded = result.value;
  const port = options.port ?? loaded.config.port;
  const { dataDir } = loaded.config;

  const secret = await resolvePairingSecret(io.facts.env, dataDir, io.facts.platform);
  if (!secret.ok) {
    io.err(secretProblem(secret, t));
    return EXIT.notPaired;
  }

  let logKey: Uint8Array;
  try {
    logKey = await loadOrCreateLogKey(dataDir);
  } catch (e) {
    io.err(t('dataDirFailed', { dir: dataDir, code: (e as NodeJS.ErrnoException).code ?? 'error' }));
    return EXIT.failure;
  }

  let running: RunningUpstream;
  try {
    running = options.simulator
      ? await wiring.simulator({ loaded, ...(fixturesDir !== undefined && { fixturesDir }), version, t, lang, env: io.facts.env, err: (line) => io.err(line) })
      : await wiring.realHubs({ loaded, version, t, lang, env: io.facts.env });
  } catch (e) {
    if (e instanceof UpstreamSetupError) {
      io.err(e.message);
      return e.exitCode;
    }
    throw e;
  }

  const logger = createJsonLogger({ write: (line) => io.out(line.trimEnd()), patientRefKey: logKey });
  const mode: CompanionMode = options.simulator ? 'simulator' : realMode(loaded);

  let registrations: RegistrationRuntime | undefined;
  if (running.registration) {
    const setup = await startRegistrationRuntime({
      loaded,
      upstreams: running.registration,
      simulator: options.simulator,
      env: io.facts.env,
      err: (line) => io.err(line),
      logger,
      version,
      t,
    });
    if (!setup.ok) {
      await running.close();
      io.err(setup.message);
      return setup.exitCode;
    }
    registrations = setup.runtime;
  }
  const upstream = registrations
    ? withEchoConfirmation(running.upstream, registrations.service, (e) => logger.event('echo-confirmation-failed', { error: e instanceof Error ? e.name : typeof e }))
    : running.upstream;

  const server = createCompanionServer({
    config: serverSettingsFrom(loaded, mode),
    upstream,
    secret: secret.secret,
    version,
    logger,
    ...(running.certificates && { certificates: running.certificates }),
    ...(registrations && { registrations: registrations.service }),
  });

  let bound: { port: number };
  try {
    bound = await server.listen(port);
  } catch (e) {
    await registrations?.close();
    await running.close();
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    io.err(code === 'EADDRINUSE' ? t('portInUse', { port: String(port) }) : t('listenFailed', { port: String(port), code }));
    return EXIT.failure;
  }

  const origins = describeOriginPolicy(loaded.originPolicy);
  const originsText =
    loaded.originPolicy.kind === 'any-extension' ? t('originsAnyExtension') : origins.length === 0 ? t('originsNone') : origins.join(', ');
  io.err(
    [
      t('started', { version, url: `http://127.0.0.1:${bound.port}` }),
      mode === 'simulator' ? t('modeSimulator') : t('modeReal', { environment: mode }),
      ...running.banner,
      ...(registrations?.banner ?? []),
      t('configLine', { source: describeSource(loaded.source, t) }),
      t('dataDirLine', { dir: dataDir }),
      t(secret.source === 'env' ? 'secretFromEnv' : 'secretFromFile'),
      t('fingerprintLine', { fingerprint: await pairingFingerprint(secret.secret) }),
      t('originsLine', { origins: originsText }),
      t('logLine'),
      t('stopHint'),
    ].join('\n'),
  );
  logger.event('started', { mode, port: bound.port });
  registrations?.sender.start();

  await io.stopRequested();
  io.err(t('stopping'));
  await server.close();
  await registrations?.close();
  await running.close();
  logger.event('stopped', {});
  io.err(t('stopped'));
  return EXIT.ok;
}
