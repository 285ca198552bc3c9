/**
 * Where the configuration file and the data folder live by default: a
 * per-user folder, following each system's habit. Environment variables
 * override them (`VACCICARD_COMPANION_CONFIG`, `VACCICARD_COMPANION_DATA_DIR`).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'vaccicard-companion';
export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_ENV = 'VACCICARD_COMPANION_CONFIG';
export const DATA_DIR_ENV = 'VACCICARD_COMPANION_DATA_DIR';

export interface PlatformFacts {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
}

export function currentPlatform(): PlatformFacts {
  return { env: process.env, platform: process.platform, home: os.homedir() };
}

function pathFor(platform: NodeJS.Platform) {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The per-user folder that holds the configuration file. */
export function defaultConfigDir({ env, platform, home }: PlatformFacts): string {
  const p = pathFor(platform);
  if (platform === 'win32') return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), APP_DIR_NAME);
}

/** `--config`, else `VACCICARD_COMPANION_CONFIG`, else the per-user default. */
export function configFilePath(facts: PlatformFacts, flag?: string): { path: string; explicit: boolean } {
  if (flag) return { path: pathFor(facts.platform).resolve(flag), explicit: true };
  const fromEnv = facts.env[CONFIG_ENV];
  if (fromEnv) return { path: pathFor(facts.platform).resolve(fromEnv), explicit: true };
  return { path: pathFor(facts.platform).join(defaultConfigDir(facts), CONFIG_FILE_NAME), explicit: false };
}

/** The per-user folder for the pairing secret and the log key. */
export function defaultDataDir({ env, platform, home }: PlatformFacts): string {
  const p = pathFor(platform);
  if (platform === 'win32') return p.join(env.LOCALAPPDATA || p.join(home, 'AppData', 'Local'), APP_DIR_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return p.join(env.XDG_DATA_HOME || p.join(home, '.local', 'share'), APP_DIR_NAME);
}

/** `VACCICARD_COMPANION_DATA_DIR`, else the configuration's `dataDir`, else the per-user default. */
export function dataDirFor(facts: PlatformFacts, configured?: string): string {
  const fromEnv = facts.env[DATA_DIR_ENV];
  if (fromEnv) return pathFor(facts.platform).resolve(fromEnv);
  return configured ?? defaultDataDir(facts);
}

/** `~/x` → home/x; a relative path is taken from `baseDir` (the configuration file's folder). */
export function expandPath(value: string, baseDir: string, facts: Pick<PlatformFacts, 'home' | 'platform'>): string {
  const p = pathFor(facts.platform);
  if (value === '~') return facts.home;
  if (value.startsWith('~/') || value.startsWith('~\\')) return p.join(facts.home, value.slice(2));
  return p.resolve(baseDir, value);
}
