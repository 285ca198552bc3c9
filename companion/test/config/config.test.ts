/** The configuration file: every rule, every problem listed at once, in the integrator's language. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPANION_PORT } from '../../../lib/companion/contract.ts';
import { loadConfigFile, loadDemoConfig, parseConfig, type ConfigResult } from '../../src/config/load.ts';
import type { PlatformFacts } from '../../src/config/paths.ts';

const facts = (env: Record<string, string> = {}): PlatformFacts => ({ env, platform: 'linux', home: '/home/ph' });
const CHROME = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
const FIREFOX = 'moz-extension://0b7e4a1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b';

/** A complete, valid configuration for the real hubs. */
function validConfig(): Record<string, any> {
  return {
    keystores: {
      identification: { path: 'keys/SSIN=80010112379.acc-p12', password: { env: 'VACCICARD_ID_PASSWORD' } },
      holderOfKey: { path: '~/keys/NIHII-PHARMACY=80000551.acc-p12', password: { file: 'secrets/hok-password.txt' } },
    },
    pharmacy: {
      pharmacyNumber: '80000551',
      name: 'Pharmacie du Centre',
      region: 'wallonia',
      pharmacist: { riziv: '20807092001', inss: '80010112379' },
      otherPharmacists: [{ riziv: '21234585001' }],
    },
    hubs: {
      rsw: { environment: 'acceptance', endpoints: { acceptance: 'https://rsw-acc.example.test/intrahub/v3' } },
    },
    softwareId: 'acme_vaccicard-overlay_pharmacy',
    allowedOrigins: [CHROME, FIREFOX],
  };
}

function parse(raw: unknown, options: { realHubs?: boolean; lang?: 'nl' | 'fr' | 'de' | 'en'; env?: Record<string, string> } = {}): ConfigResult {
  return parseConfig(raw, { kind: 'file', path: '/etc/vc/config.json' }, '/etc/vc', {
    lang: options.lang ?? 'en',
    realHubs: options.realHubs ?? true,
    facts: facts(options.env),
  });
}

function problemsOf(result: ConfigResult) {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('a valid configuration', () => {
  it('parses, with defaults filled in', () => {
    const r = parse(validConfig());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const c = r.value.config;
    expect(c.port).toBe(DEFAULT_COMPANION_PORT);
    expect(c.timeouts).toEqual({ requestMs: 20_000, hubMs: 15_000 });
    expect(c.rateLimit).toEqual({ burst: 30, perMinute: 120 });
    expect(c.maxBodyBytes).toBe(16_384);
    expect(c.hubs.rsb).toEqual({ environment: 'acceptance', endpoints: { acceptance: undefined, production: undefined } });
    expect(c.keystores?.identification.alias).toBe('authentication');
    expect(r.value.originPolicy).toEqual({ kind: 'list', origins: [CHROME, FIREFOX] });
  });

  it('resolves relative paths from the configuration folder and ~ from home', () => {
    const r = parse(validConfig());
    if (!r.ok) throw new Error('invalid');
    const ks = r.value.config.keystores!;
    expect(ks.identification.path).toBe('/etc/vc/keys/SSIN=80010112379.acc-p12');
    expect(ks.holderOfKey!.path).toBe('/home/ph/keys/NIHII-PHARMACY=80000551.acc-p12');
    expect(ks.holderOfKey!.password).toEqual({ file: '/etc/vc/secrets/hok-password.txt' });
    expect(ks.identification.password).toEqual({ env: 'VACCICARD_ID_PASSWORD' });
  });

  it('lets one keystore serve both roles (no holderOfKey)', () => {
    const raw = validConfig();
    delete raw.keystores.holderOfKey;
    expect(parse(raw).ok).toBe(true);
  });

  it.each(['acme_vaccicard', 'acme_vaccicard_pharmacy-du-centre', 'a.b_c-d_e', `${'x'.repeat(20)}_${'y'.repeat(29)}`])('accepts softwareId %s', (id) => {
    expect(parse({ ...validConfig(), softwareId: id }).ok).toBe(true);
  });

  it('puts the data folder under the per-user default unless set', () => {
    const r = parse(validConfig());
    expect(r.ok && r.value.config.dataDir).toBe('/home/ph/.local/share/vaccicard-companion');
    const withDir = parse({ ...validConfig(), dataDir: 'data' });
    expect(withDir.ok && withDir.value.config.dataDir).toBe('/etc/vc/data');
    const fromEnv = parse({ ...validConfig(), dataDir: 'data' }, { env: { VACCICARD_COMPANION_DATA_DIR: '/srv/vc' } });
    expect(fromEnv.ok && fromEnv.value.config.dataDir).toBe('/srv/vc');
  });
});

describe('problems', () => {
  it('lists every problem at once, each with its place in the file', () => {
    const raw = validConfig();
    raw.keystores.identification.password = 'hunter2-secret';
    raw.pharmacy.pharmacyNumber = '80000552';
    raw.pharmacy.region = 'mars';
    raw.pharmacy.pharmacist = { riziv: '14700250004', inss: '85073003329' };
    raw.hubs.rsw.endpoints.acceptance = 'http://rsw.example.test';
    raw.softwareId = 'not valid';
    raw.allowedOrigins = ['https://evil.example', CHROME];
    raw.timeouts = { requestMs: 5_000, hubMs: 9_000 };
    raw.port = 80;
    raw.surprise = true;
    const problems = problemsOf(parse(raw));
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        '(root)',
        'allowedOrigins[0]',
        'hubs.rsw.endpoints.acceptance',
        'keystores.identification.password',
        'pharmacy.pharmacist.inss',
        'pharmacy.pharmacist.riziv',
        'pharmacy.pharmacyNumber',
        'pharmacy.region',
        'port',
        'softwareId',
        'timeouts.hubMs',
      ].sort(),
    );
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('refuses a password written in the file, saying where passwords go', () => {
    const raw = validConfig();
    raw.keystores.holderOfKey.password = 'p4ssw0rd';
    const [p] = problemsOf(parse(raw));
    expect(p!.path).toBe('keystores.holderOfKey.password');
    expect(p!.message).toMatch(/must not be written in the configuration file/);
    expect(p!.message).toContain('"env"');
    expect(p!.message).toContain('"file"');
    expect(p!.message).not.toContain('p4ssw0rd');
  });

  it.each([
    ['an object with the value', { value: 'x' }],
    ['both sources', { env: 'A', file: 'b' }],
    ['a lowercase variable', { env: 'password' }],
    ['a number', 1234],
  ])('refuses a password source that is %s', (_name, password) => {
    const raw = validConfig();
    raw.keystores.identification.password = password;
    expect(problemsOf(parse(raw))[0]!.path).toMatch(/^keystores\.identification\.password(\.env)?$/);
  });

  it.each([
    ['pharmacy.pharmacyNumber', (r: any) => (r.pharmacy.pharmacyNumber = '8000055')],
    ['pharmacy.pharmacyNumber', (r: any) => (r.pharmacy.pharmacyNumber = '20807092001')],
    ['pharmacy.pharmacist.riziv', (r: any) => (r.pharmacy.pharmacist.riziv = '12345678901')],
    ['pharmacy.pharmacist.riziv', (r: any) => (r.pharmacy.pharmacist.riziv = '80000551')],
    ['pharmacy.pharmacist.inss', (r: any) => (r.pharmacy.pharmacist.inss = '85.07.30-033.28')],
    ['pharmacy.otherPharmacists[0].riziv', (r: any) => (r.pharmacy.otherPharmacists[0].riziv = '14700250004')],
    ['softwareId', (r: any) => (r.softwareId = `${'x'.repeat(25)}_${'y'.repeat(25)}`)],
    ['softwareId', (r: any) => (r.softwareId = 'nounderscore')],
    ['softwareId', (r: any) => (r.softwareId = 'a_b_c_d')],
    ['allowedOrigins[0]', (r: any) => (r.allowedOrigins = ['chrome-extension://abc'])],
    ['allowedOrigins[0]', (r: any) => (r.allowedOrigins = ['null'])],
    ['allowedOrigins[0]', (r: any) => (r.allowedOrigins = [`${CHROME}/`])],
    ['allowedOrigins[0]', (r: any) => (r.allowedOrigins = ['moz-extension://not-a-uuid'])],
    ['hubs.rsw.environment', (r: any) => (r.hubs.rsw.environment = 'staging')],
    ['hubs.rsb', (r: any) => (r.hubs.rsb = 'https://rsb.example.test')],
    ['port', (r: any) => (r.port = 70_000)],
    ['rateLimit.burst', (r: any) => (r.rateLimit = { burst: 0 })],
    ['hubs.rsw.timeoutMs', (r: any) => (r.hubs.rsw.timeoutMs = 30_000)],
  ])('reports %s', (where, mutate) => {
    const raw = validConfig();
    mutate(raw);
    expect(problemsOf(parse(raw)).map((p) => p.path)).toContain(where);
  });

  it('requires keystores and a hub address only for the real hubs', () => {
    const raw = validConfig();
    delete raw.keystores;
    delete raw.hubs;
    expect(problemsOf(parse(raw, { realHubs: true })).map((p) => p.path)).toEqual(['keystores', 'hubs']);
    expect(parse(raw, { realHubs: false }).ok).toBe(true);
  });

  it('an address for the other environment does not count', () => {
    const raw = validConfig();
    raw.hubs.rsw.environment = 'production';
    expect(problemsOf(parse(raw)).map((p) => p.path)).toEqual(['hubs']);
  });

  it.each(['nl', 'fr', 'de'] as const)('speaks %s, for our messages and zod’s', (lang) => {
    const raw = validConfig();
    raw.keystores.identification.password = 'x';
    raw.pharmacy.region = 'mars';
    const en = problemsOf(parse(raw, { lang: 'en' }));
    const other = problemsOf(parse(raw, { lang }));
    expect(other.map((p) => p.path)).toEqual(en.map((p) => p.path));
    for (let i = 0; i < en.length; i++) expect(other[i]!.message).not.toBe(en[i]!.message);
  });

  it('refuses a configuration that is not an object', () => {
    expect(problemsOf(parse([]))[0]!.path).toBe('(root)');
  });
});

describe('allowed origins from COMPANION_ALLOWED_ORIGINS', () => {
  it('replaces the list when set', () => {
    const r = parse(validConfig(), { env: { COMPANION_ALLOWED_ORIGINS: ` ${FIREFOX} , ` } });
    expect(r.ok && r.value.originPolicy).toEqual({ kind: 'list', origins: [FIREFOX] });
  });

  it('lists its bad entries as problems', () => {
    const problems = problemsOf(parse(validConfig(), { env: { COMPANION_ALLOWED_ORIGINS: `${CHROME},https://evil.example` } }));
    expect(problems.map((p) => p.path)).toEqual(['COMPANION_ALLOWED_ORIGINS[1]']);
  });
});

describe('the simulator demo identity', () => {
  it('is valid, with the documented numbers', () => {
    const r = loadDemoConfig({ lang: 'en', facts: facts() });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.source).toEqual({ kind: 'demo' });
    const p = r.value.config.pharmacy;
    expect([p.pharmacyNumber, p.pharmacist.riziv, p.pharmacist.inss, p.region]).toEqual(['80000551', '20807092001', '80010112379', 'wallonia']);
    expect(p.otherPharmacists).toEqual([{ riziv: '21234585001' }]);
    expect(r.value.config.keystores).toBeUndefined();
  });

  it('accepts any extension origin by default, or exactly the listed ones', () => {
    const d = loadDemoConfig({ lang: 'en', facts: facts() });
    expect(d.ok && d.value.originPolicy).toEqual({ kind: 'any-extension' });
    const listed = loadDemoConfig({ lang: 'en', facts: facts({ COMPANION_ALLOWED_ORIGINS: CHROME }) });
    expect(listed.ok && listed.value.originPolicy).toEqual({ kind: 'list', origins: [CHROME] });
  });
});

describe('the file', () => {
  it('reports a missing file', async () => {
    const r = await loadConfigFile('/nonexistent/config.json', { lang: 'en', realHubs: true, facts: facts() });
    expect(problemsOf(r)).toEqual([{ path: '(file)', message: 'configuration file not found' }]);
  });

  it('reports where the JSON breaks without quoting the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-config-'));
    const file = path.join(dir, 'config.json');
    await writeFile(file, '{\n  "softwareId": "acme_x",\n  "password": "hunter2" oops\n}\n');
    const [p] = problemsOf(await loadConfigFile(file, { lang: 'en', realHubs: true, facts: facts() }));
    expect(p!.message).toMatch(/^not valid JSON \(line 3, column \d+\)$/);
    expect(p!.message).not.toContain('hunter2');
  });

  it('reads a valid file (with a BOM) and anchors paths at its folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-config-'));
    const file = path.join(dir, 'config.json');
    await writeFile(file, `\uFEFF${JSON.stringify(validConfig())}`);
    const r = await loadConfigFile(file, { lang: 'en', realHubs: true, facts: facts() });
    expect(r.ok && r.value.config.keystores!.identification.path).toBe(path.join(dir, 'keys/SSIN=80010112379.acc-p12'));
  });
});
