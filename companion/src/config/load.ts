/**
 * Reading the configuration: one JSON file (or the simulator's built-in demo
 * identity), validated at once so every problem is listed together, each with
 * where it is (`pharmacy.pharmacist.riziv`) and what to do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { translator, type Lang } from '../../../lib/i18n/translate.ts';
import { HUB_IDS } from '../../../lib/vaccination.ts';
import { buildConfigSchema, type CompanionConfig } from './schema.ts';
import { configMessages } from './messages.ts';
import { ALLOWED_ORIGINS_ENV, parseOriginList, type OriginPolicy } from './origins.ts';
import { dataDirFor, expandPath, type PlatformFacts } from './paths.ts';
import { demoConfigInput } from './demo.ts';
import { crossFieldProblems } from './cross-field.ts';

export interface ConfigProblem {
  /** Where in the file: `pharmacy.pharmacist.riziv`, `allowedOrigins[1]`, or `(file)`. */
  path: string;
  message: string;
}

export type ConfigSource = { kind: 'file'; path: string } | { kind: 'demo' };

export interface LoadedConfig {
  /** Every path in it is absolute; `dataDir` is always set. */
  config: CompanionConfig & { dataDir: string };
  source: ConfigSource;
  originPolicy: OriginPolicy;
}

export type ConfigResult = { ok: true; value: LoadedConfig } | { ok: false; source: ConfigSource; problems: ConfigProblem[] };

export interface LoadOptions {
  lang: Lang;
  /** The companion will call the real hubs: keystores and a hub address are required. */
  realHubs: boolean;
  facts: PlatformFacts;
}

const ZOD_LOCALES = { nl: z.locales.nl, fr: z.locales.fr, de: z.locales.de, en: z.locales.en } as const;

export function formatIssuePath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return '(root)';
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** Validates an already-parsed JSON value; `baseDir` anchors relative paths. */
export function parseConfig(raw: unknown, source: ConfigSource, baseDir: string, options: LoadOptions): ConfigResult {
  const t = translator(configMessages, options.lang);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, source, problems: [{ path: '(root)', message: t('notAnObject') }] };
  }
  const schema = buildConfigSchema({ t });
  const parsed = schema.safeParse(raw, { error: ZOD_LOCALES[options.lang]().localeError });
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  problems.push(...crossFieldProblems(raw as Record<string, unknown>, t, options.realHubs));

  let originPolicy: OriginPolicy | undefined;
  const fromEnv = options.facts.env[ALLOWED_ORIGINS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const list = parseOriginList(fromEnv);
    const checked = schema.shape.allowedOrigins.safeParse(list);
    if (checked.success) originPolicy = { kind: 'list', origins: checked.data };
    else {
      for (const issue of checked.error.issues) {
        problems.push({ path: `${ALLOWED_ORIGINS_ENV}${formatIssuePath(issue.path)}`, message: issue.message });
      }
    }
  }
  if (!parsed.success || problems.length > 0) return { ok: false, source, problems };

  const config = absolutePaths(parsed.data, baseDir, options.facts);
  originPolicy ??= source.kind === 'demo' ? { kind: 'any-extension' } : { kind: 'list', origins: config.allowedOrigins };
  return { ok: true, value: { config, source, originPolicy } };
}

function absolutePaths(c: CompanionConfig, baseDir: string, facts: PlatformFacts): LoadedConfig['config'] {
  const abs = (p: string) => expandPath(p, baseDir, facts);
  const keystore = <K extends { path: string; password: { env: string } | { file: string } }>(k: K): K => ({
    ...k,
    path: abs(k.path),
    password: 'file' in k.password ? { file: abs(k.password.file) } : k.password,
  });
  const hubs = { ...c.hubs };
  for (const hub of HUB_IDS) {
    const h = c.hubs[hub];
    hubs[hub] = h.caFile ? { ...h, caFile: abs(h.caFile) } : h;
  }
  return {
    ...c,
    keystores: c.keystores && {
      identification: keystore(c.keystores.identification),
      holderOfKey: c.keystores.holderOfKey && keystore(c.keystores.holderOfKey),
    },
    hubs,
    sts: c.sts && {
      ...c.sts,
      ...(c.sts.trustAnchorFile !== undefined && { trustAnchorFile: abs(c.sts.trustAnchorFile) }),
      ...(c.sts.caFile !== undefined && { caFile: abs(c.sts.caFile) }),
      ...(c.sts.profileFile !== undefined && { profileFile: abs(c.sts.profileFile) }),
    },
    dataDir: dataDirFor(facts, c.dataDir ? abs(c.dataDir) : undefined),
    registration: {
      ...c.registration,
      vaccinnet: {
        ...c.registration.vaccinnet,
        ...(c.registration.vaccinnet.caFile !== undefined && { caFile: abs(c.registration.vaccinnet.caFile) }),
      },
    },
  };
}

/** Where in the text a JSON.parse error points, without quoting the text (it may hold a mistyped secret). */
export function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } | undefined {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return undefined;
  const offset = Math.min(Number(match[1]), text.length);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export async function loadConfigFile(file: string, options: LoadOptions): Promise<ConfigResult> {
  const t = translator(configMessages, options.lang);
  const source: ConfigSource = { kind: 'file', path: file };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, source, problems: [{ path: '(file)', message: t(code === 'ENOENT' ? 'fileMissing' : 'fileUnreadable') }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = jsonErrorPosition(text, e);
    const message = at ? t('notJsonAt', { line: String(at.line), column: String(at.column) }) : t('notJson');
    return { ok: false, source, problems: [{ path: '(file)', message }] };
  }
  return parseConfig(raw, source, path.dirname(file), options);
}

/** The simulator's built-in identity, for `start --simulator` with no configuration file. */
export function loadDemoConfig(options: Omit<LoadOptions, 'realHubs'>): ConfigResult {
  return parseConfig(demoConfigInput(), { kind: 'demo' }, process.cwd(), { ...options, realHubs: false });
}
