/**
 * `doctor`: checks the real setup (configuration, data folder, pairing,
 * origins, keystores, token, hubs, port) and says in plain words what to fix.
 * The keystore inspector, the token provider and the hub upstream are passed
 * in by the command line, from whatever this build provides.
 */
import type { Lang } from '../../../lib/i18n/translate.ts';
import { translator } from '../../../lib/i18n/translate.ts';
import { loadConfigFile, type LoadedConfig } from '../config/load.ts';
import { configMessages } from '../config/messages.ts';
import { configFilePath, dataDirFor, type PlatformFacts } from '../config/paths.ts';
import type { TokenProvider } from '../token-provider.ts';
import type { ConsultUpstream } from '../upstream.ts';
import { checkDataDir, checkHubs, checkKeystores, checkListenPort, checkOrigins, checkPairing, checkToken } from './checks.ts';
import type { KeystoreInspector } from './keystore-inspector.ts';
import type { DoctorCheck } from './report.ts';
import { doctorStrings } from './strings.ts';

export interface DoctorInput {
  facts: PlatformFacts;
  lang: Lang;
  configFlag?: string;
  now?: Date;
  inspectKeystore?: KeystoreInspector;
  /** What talks to the real hubs, built from the valid configuration; absent when this build has no hub client. */
  connect?: (loaded: LoadedConfig, lang: Lang) => Promise<{ upstream?: ConsultUpstream; tokenProvider: TokenProvider; close(): Promise<void> }>;
}

export async function runDoctor(input: DoctorInput): Promise<DoctorCheck[]> {
  const t = translator(doctorStrings, input.lang);
  const now = input.now ?? new Date();
  const checks: DoctorCheck[] = [];
  const { path } = configFilePath(input.facts, input.configFlag);
  const loaded = await loadConfigFile(path, { lang: input.lang, realHubs: true, facts: input.facts });

  if (loaded.ok) {
    checks.push({ status: 'ok', subject: t('subjectConfig'), text: t('configValid', { path }) });
  } else if (loaded.problems.length === 1 && loaded.problems[0]!.path === '(file)') {
    const message = loaded.problems[0]!.message;
    const missing = message === translator(configMessages, input.lang)('fileMissing');
    checks.push(
      missing
        ? { status: 'fail', subject: t('subjectConfig'), text: t('configMissing', { path }), fix: t('configMissingFix') }
        : { status: 'fail', subject: t('subjectConfig'), text: `${path}: ${message}`, fix: t('configFix') },
    );
  } else {
    checks.push({
      status: 'fail',
      subject: t('subjectConfig'),
      text: t('configInvalid', { path, count: String(loaded.problems.length) }),
      fix: t('configFix'),
      details: loaded.problems.map((p) => `${p.path}: ${p.message}`),
    });
  }

  const dataDir = loaded.ok ? loaded.value.config.dataDir : dataDirFor(input.facts);
  checks.push(await checkDataDir(dataDir, t, input.facts.platform));
  checks.push(await checkPairing(dataDir, input.facts.env, t, input.facts.platform));

  if (!loaded.ok) {
    checks.push({ status: 'warn', subject: `${t('subjectOrigins')}, ${t('subjectKeystoreBoth')}, ${t('subjectHub', { hub: 'RSW/RSB' })}`, text: t('dependsOnConfig') });
    return checks;
  }
  const config = loaded.value;
  checks.push(checkOrigins(config, t));
  checks.push(...(await checkKeystores(config, input.facts.env, t, now, input.facts.platform, input.inspectKeystore)));

  let connection: Awaited<ReturnType<NonNullable<DoctorInput['connect']>>> | undefined;
  try {
    connection = input.connect ? await input.connect(config, input.lang) : undefined;
  } catch (e) {
    // Setup errors are plain words (translated, no secrets); anything else is named only.
    const reason = e instanceof Error && e.name === 'UpstreamSetupError' ? e.message : e instanceof Error ? e.name : 'error';
    checks.push({ status: 'fail', subject: t('subjectHub', { hub: 'RSW/RSB' }), text: reason });
  }
  try {
    if (connection) {
      const stsTimeoutMs = (config.config.sts?.timeoutMs ?? 20_000) + 5_000;
      checks.push(await checkToken(connection.tokenProvider, t, stsTimeoutMs, input.lang));
    }
    checks.push(...(await checkHubs(config, t, connection?.upstream, config.config.timeouts.hubMs)));
  } finally {
    await connection?.close();
  }
  checks.push(await checkListenPort(config.config.port, t));
  return checks;
}
