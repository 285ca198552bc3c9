/**
 * The command line's dispatcher: parse, pick the language, run the command,
 * return the exit code. Kept apart from cli.ts so tests call it in-process.
 */
import { translator } from '../../../lib/i18n/translate.ts';
import { DEFAULT_COMPANION_PORT } from '../../../lib/companion/contract.ts';
import { configFilePath } from '../config/paths.ts';
import type { DoctorInput, KeystoreInspector } from '../doctor/index.ts';
import { langFlag, parseCommandLine, type ArgsError } from './args.ts';
import { EXIT, type CliIo } from './io.ts';
import { cliLanguage } from './language.ts';
import { pairCommand } from './pair-command.ts';
import { startCommand, type StartWiring } from './start-command.ts';
import { cliStrings, type CliStringKey } from './strings.ts';
import { companionVersion } from './version.ts';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';

export interface CliDeps {
  wiring: StartWiring;
  doctor?: {
    /** Opens keystores for doctor, speaking `lang`; absent: doctor says certificates are not inspected. */
    inspectKeystore?: (lang: Lang) => KeystoreInspector;
    connect?: DoctorInput['connect'];
  };
  version?: string;
}

function argsErrorText(error: ArgsError, t: Translate<CliStringKey>): string {
  switch (error.kind) {
    case 'no-command':
      return t('noCommand');
    case 'unknown-command':
      return t('unknownCommand', { command: error.command });
    case 'unknown-option':
      return t('unknownOption', { option: error.option, command: error.command });
    case 'option-needs-value':
      return t('optionNeedsValue', { option: error.option });
    case 'unexpected-argument':
      return t('unexpectedArgument', { argument: error.argument });
    case 'bad-lang':
      return t('badLang');
    case 'bad-port':
      return t('badPort');
    case 'fixtures-need-simulator':
      return t('fixturesNeedSimulator');
  }
}

export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const version = deps.version ?? '0.0.0';
  const early = cliLanguage(langFlag(argv), io.facts.env);
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.err(argsErrorText(parsed.error, translator(cliStrings, early)));
    return EXIT.usage;
  }
  const args = parsed.value;
  const lang = cliLanguage(args.lang, io.facts.env);
  const t = translator(cliStrings, lang);

  if (args.version && !args.help) {
    io.out(version);
    return EXIT.ok;
  }
  if (args.help || !args.command) {
    io.out(t('usage', { port: String(DEFAULT_COMPANION_PORT), configPath: configFilePath({ ...io.facts, env: {} }).path }));
    return EXIT.ok;
  }

  try {
    switch (args.command) {
      case 'start':
        return await startCommand(
          io,
          t,
          lang,
          {
            simulator: args.simulator,
            ...(args.fixtures !== undefined && { fixtures: args.fixtures }),
            ...(args.port !== undefined && { port: args.port }),
            ...(args.config !== undefined && { config: args.config }),
          },
          deps.wiring,
          version,
        );
      case 'pair':
        return await pairCommand(io, t, lang, { ...(args.config !== undefined && { config: args.config }) });
      case 'doctor': {
        // Loaded only for this command: `start` never needs doctor's checks and words.
        const { formatDoctorReport, hasFailure, runDoctor, doctorStrings } = await import('../doctor/index.ts');
        const checks = await runDoctor({
          facts: io.facts,
          lang,
          ...(args.config !== undefined && { configFlag: args.config }),
          ...(deps.doctor?.inspectKeystore && { inspectKeystore: deps.doctor.inspectKeystore(lang) }),
          ...(deps.doctor?.connect && { connect: deps.doctor.connect }),
        });
        io.out(formatDoctorReport(checks, translator(doctorStrings, lang)));
        return hasFailure(checks) ? EXIT.failure : EXIT.ok;
      }
    }
  } catch (e) {
    // Never print the error's message: it could quote configuration values.
    io.err(t('unexpectedError', { name: e instanceof Error ? e.name : typeof e }));
    return EXIT.failure;
  }
}

export { companionVersion };
