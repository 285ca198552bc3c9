/**
 * The command line: `<command> [options]`, parsed with node:util parseArgs.
 * Errors are typed so they are reported in the user's language.
 */
import { parseArgs } from 'node:util';
import { LANGS, type Lang } from '../../../lib/i18n/translate.ts';

export const COMMANDS = ['start', 'pair', 'doctor'] as const;
export type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  simulator: { type: 'boolean' },
  fixtures: { type: 'string' },
  port: { type: 'string' },
  config: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

const ALLOWED: Readonly<Record<Command, readonly OptionName[]>> = {
  start: ['simulator', 'fixtures', 'port', 'config', 'lang', 'help'],
  pair: ['config', 'lang', 'help'],
  doctor: ['config', 'lang', 'help'],
};

export interface ParsedCommandLine {
  command?: Command;
  help: boolean;
  version: boolean;
  lang?: Lang;
  simulator: boolean;
  fixtures?: string;
  /** 0 = any free port. */
  port?: number;
  config?: string;
}

export type ArgsError =
  | { kind: 'no-command' }
  | { kind: 'unknown-command'; command: string }
  | { kind: 'unknown-option'; option: string; command: string }
  | { kind: 'option-needs-value'; option: string }
  | { kind: 'unexpected-argument'; argument: string }
  | { kind: 'bad-lang' }
  | { kind: 'bad-port' }
  | { kind: 'fixtures-need-simulator' };

export type ArgsResult = { ok: true; value: ParsedCommandLine } | { ok: false; error: ArgsError };

/** `--lang` before full parsing, so even argument errors speak the right language. */
export function langFlag(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a.startsWith('--lang=') ? a.slice(7) : a === '--lang' ? argv[i + 1] : undefined;
    if (value && (LANGS as readonly string[]).includes(value)) return value as Lang;
  }
  return undefined;
}

function quotedOption(message: string): string {
  return /'(-[^']*)'/.exec(message)?.[1] ?? '';
}

export function parseCommandLine(argv: readonly string[]): ArgsResult {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { ok: false, error: { kind: 'option-needs-value', option: quotedOption(message) } };
    const command = argv.find((a) => !a.startsWith('-')) ?? '';
    return { ok: false, error: { kind: 'unknown-option', option: quotedOption(message) || '?', command } };
  }
  const { values, positionals } = parsed;
  const value: ParsedCommandLine = { help: values.help ?? false, version: values.version ?? false, simulator: values.simulator ?? false };

  if (values.lang !== undefined) {
    if (!(LANGS as readonly string[]).includes(values.lang)) return { ok: false, error: { kind: 'bad-lang' } };
    value.lang = values.lang as Lang;
  }
  const [first, ...rest] = positionals;
  if (first === undefined) {
    return value.help || value.version ? { ok: true, value } : { ok: false, error: { kind: 'no-command' } };
  }
  if (first === 'help') return { ok: true, value: { ...value, help: true } };
  if (!(COMMANDS as readonly string[]).includes(first)) return { ok: false, error: { kind: 'unknown-command', command: first } };
  const command = first as Command;
  value.command = command;
  if (rest[0] !== undefined) return { ok: false, error: { kind: 'unexpected-argument', argument: rest[0] } };

  for (const name of Object.keys(values) as OptionName[]) {
    if (name === 'version' || ALLOWED[command].includes(name)) continue;
    return { ok: false, error: { kind: 'unknown-option', option: `--${name}`, command } };
  }
  if (values.port !== undefined) {
    const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
    if (!(port === 0 || (port >= 1024 && port <= 65_535))) return { ok: false, error: { kind: 'bad-port' } };
    value.port = port;
  }
  if (values.fixtures !== undefined) {
    if (!value.simulator) return { ok: false, error: { kind: 'fixtures-need-simulator' } };
    value.fixtures = values.fixtures;
  }
  if (values.config !== undefined) value.config = values.config;
  return { ok: true, value };
}
