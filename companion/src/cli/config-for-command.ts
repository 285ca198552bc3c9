/**
 * Which configuration a command uses. Talking to the real hubs needs the
 * configuration file (every problem listed if it has any). The simulator and
 * `pair` use the file when there is one (named by --config or
 * VACCICARD_COMPANION_CONFIG, or at the default place), else the built-in
 * demo identity.
 */
import { stat } from 'node:fs/promises';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { loadConfigFile, loadDemoConfig, type ConfigResult, type ConfigSource } from '../config/load.ts';
import { configFilePath, type PlatformFacts } from '../config/paths.ts';
import type { CliStringKey } from './strings.ts';

export interface ConfigChoice {
  facts: PlatformFacts;
  lang: Lang;
  flag?: string;
  /** True for `start` without --simulator and for `doctor`. */
  realHubs: boolean;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function configForCommand(choice: ConfigChoice): Promise<ConfigResult> {
  const { path, explicit } = configFilePath(choice.facts, choice.flag);
  const options = { lang: choice.lang, facts: choice.facts };
  if (choice.realHubs || explicit || (await exists(path))) {
    return loadConfigFile(path, { ...options, realHubs: choice.realHubs });
  }
  return loadDemoConfig(options);
}

export function describeSource(source: ConfigSource, t: Translate<CliStringKey>): string {
  return source.kind === 'file' ? source.path : t('demoSource');
}

export function reportConfigProblems(result: Extract<ConfigResult, { ok: false }>, t: Translate<CliStringKey>): string {
  return [
    t('configProblems', { source: describeSource(result.source, t) }),
    ...result.problems.map((p) => t('problemLine', { path: p.path, message: p.message })),
  ].join('\n');
}
