import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFilePath, dataDirFor, defaultConfigDir, defaultDataDir, expandPath } from '../../src/config/paths.ts';
import { resolvePassword } from '../../src/config/password.ts';

describe('default places', () => {
  it.each([
    ['linux', {}, '/home/ph/.config/vaccicard-companion', '/home/ph/.local/share/vaccicard-companion'],
    ['linux', { XDG_CONFIG_HOME: '/x/cfg', XDG_DATA_HOME: '/x/data' }, '/x/cfg/vaccicard-companion', '/x/data/vaccicard-companion'],
    ['darwin', {}, '/home/ph/Library/Application Support/vaccicard-companion', '/home/ph/Library/Application Support/vaccicard-companion'],
  ] as const)('%s %j', (platform, env, config, data) => {
    const facts = { platform, env, home: '/home/ph' } as const;
    expect(defaultConfigDir(facts)).toBe(config);
    expect(defaultDataDir(facts)).toBe(data);
  });

  it('win32 uses APPDATA for the configuration and LOCALAPPDATA for data', () => {
    const facts = { platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\ph\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ph\\AppData\\Local' }, home: 'C:\\Users\\ph' };
    expect(defaultConfigDir(facts)).toBe('C:\\Users\\ph\\AppData\\Roaming\\vaccicard-companion');
    expect(defaultDataDir(facts)).toBe('C:\\Users\\ph\\AppData\\Local\\vaccicard-companion');
  });

  it('--config, then VACCICARD_COMPANION_CONFIG, then the default', () => {
    const base = { platform: 'linux' as const, home: '/home/ph' };
    expect(configFilePath({ ...base, env: { VACCICARD_COMPANION_CONFIG: '/e/c.json' } }, '/f/c.json')).toEqual({ path: '/f/c.json', explicit: true });
    expect(configFilePath({ ...base, env: { VACCICARD_COMPANION_CONFIG: '/e/c.json' } })).toEqual({ path: '/e/c.json', explicit: true });
    expect(configFilePath({ ...base, env: {} })).toEqual({ path: '/home/ph/.config/vaccicard-companion/config.json', explicit: false });
  });

  it('VACCICARD_COMPANION_DATA_DIR, then the configured folder, then the default', () => {
    const base = { platform: 'linux' as const, home: '/home/ph' };
    expect(dataDirFor({ ...base, env: { VACCICARD_COMPANION_DATA_DIR: '/d' } }, '/c')).toBe('/d');
    expect(dataDirFor({ ...base, env: {} }, '/c')).toBe('/c');
    expect(dataDirFor({ ...base, env: {} })).toBe('/home/ph/.local/share/vaccicard-companion');
  });

  it('expands ~ and anchors relative paths', () => {
    const f = { platform: 'linux' as const, home: '/home/ph' };
    expect(expandPath('~/k.p12', '/etc/vc', f)).toBe('/home/ph/k.p12');
    expect(expandPath('k.p12', '/etc/vc', f)).toBe('/etc/vc/k.p12');
    expect(expandPath('/abs/k.p12', '/etc/vc', f)).toBe('/abs/k.p12');
  });
});

describe('keystore password sources', () => {
  it('reads an environment variable (an empty one is a valid empty password)', async () => {
    expect(await resolvePassword({ env: 'PW' }, { PW: 's3cret' })).toEqual({ ok: true, password: 's3cret' });
    expect(await resolvePassword({ env: 'PW' }, { PW: '' })).toEqual({ ok: true, password: '' });
    expect(await resolvePassword({ env: 'PW' }, {})).toEqual({ ok: false, reason: 'env-unset', variable: 'PW' });
  });

  it('reads a file without its final line break', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-pw-'));
    const file = path.join(dir, 'pw');
    await writeFile(file, 'pass word \r\n');
    expect(await resolvePassword({ file }, {})).toEqual({ ok: true, password: 'pass word ' });
    expect(await resolvePassword({ file: path.join(dir, 'none') }, {})).toEqual({ ok: false, reason: 'file-unreadable', file: path.join(dir, 'none') });
  });
});
