/**
 * `pair`: a new 256-bit secret, stored owner-only in the data folder and
 * printed once with its fingerprint (the extension's options page shows the
 * same fingerprint once the secret is entered there).
 */
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import {
  PAIRING_SECRET_ENV,
  generatePairingSecret,
  readStoredPairingSecret,
  storePairingSecret,
} from '../pairing/secret.ts';
import { configForCommand, reportConfigProblems } from './config-for-command.ts';
import { EXIT, type CliIo } from './io.ts';
import type { CliStringKey } from './strings.ts';

export async function pairCommand(
  io: CliIo,
  t: Translate<CliStringKey>,
  lang: Lang,
  options: { config?: string },
): Promise<number> {
  const loaded = await configForCommand({ facts: io.facts, lang, realHubs: false, ...(options.config && { flag: options.config }) });
  if (!loaded.ok) {
    io.err(reportConfigProblems(loaded, t));
    return EXIT.config;
  }
  const { dataDir } = loaded.value.config;
  const previous = await readStoredPairingSecret(dataDir, io.facts.platform);
  const secret = generatePairingSecret();
  let file: string;
  try {
    file = await storePairingSecret(dataDir, secret);
  } catch (e) {
    io.err(t('pairFailed', { dir: dataDir, code: (e as NodeJS.ErrnoException).code ?? 'error' }));
    return EXIT.failure;
  }
  const fingerprint = await pairingFingerprint(secret);
  io.out(t('pairHeader'));
  io.out('');
  io.out(`    ${secret}`);
  io.out('');
  io.out(t('pairFingerprint', { fingerprint }));
  io.out(t('pairStored', { file }));
  if (previous.kind === 'found') io.out(t('pairReplaced', { fingerprint: await pairingFingerprint(previous.secret) }));
  io.out(t('pairRestart'));
  if (io.facts.env[PAIRING_SECRET_ENV]) io.out(t('pairEnvOverrides'));
  return EXIT.ok;
}
