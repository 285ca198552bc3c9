/**
 * The configuration's `sts` section and keystores give a working token
 * provider: a config file (relative paths, a DER trust anchor, an extra TLS
 * CA) pointed at the STS simulator obtains a token; missing or bad settings
 * come back as typed errors with the next action, at first use, not at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { loadConfigFile, type LoadedConfig } from '../../src/config/load.ts';
import { createStsTokenProviderFromConfig, configuredStsEndpoint } from '../../src/ehealth/sts-from-config.ts';
import { PASSWORD_ENV, PHARMACY, makeStsWorld, type StsWorld } from '../sts/sts-fixture.ts';

let world: StsWorld;
beforeAll(async () => {
  world = await makeStsWorld();
  const der = new X509Certificate(world.sts.iamCertificatePem).raw;
  await writeFile(path.join(world.dir, 'IAMACC.cer'), der);
  await writeFile(path.join(world.dir, 'sts-tls-ca.pem'), world.sts.tlsCaPem);
});
afterAll(() => world?.close());

function configJson(sts: Record<string, unknown> | undefined) {
  return {
    pharmacy: {
      pharmacyNumber: PHARMACY.pharmacyNumber,
      region: 'wallonia',
      pharmacist: { riziv: PHARMACY.pharmacistRiziv, inss: PHARMACY.pharmacistSsin },
    },
    softwareId: 'test_vaccicard-companion',
    keystores: {
      identification: { path: path.basename(world.keystores.pharmacist.path), password: { env: PASSWORD_ENV } },
      holderOfKey: { path: path.basename(world.keystores.pharmacy.path), password: { file: 'keystore-password.txt' } },
    },
    hubs: { rsw: { endpoints: { acceptance: 'https://rsw.example.invalid/intrahub' } } },
    ...(sts && { sts }),
  };
}

async function load(sts: Record<string, unknown> | undefined, name = 'config.json'): Promise<LoadedConfig> {
  const file = path.join(world.dir, name);
  await writeFile(file, JSON.stringify(configJson(sts)));
  const result = await loadConfigFile(file, { lang: 'en', realHubs: true, facts: { env: world.env, platform: process.platform, home: os.homedir() } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('STS settings from the configuration file', () => {
  it('defaults to eHealth acceptance', async () => {
    const loaded = await load(undefined);
    expect(configuredStsEndpoint(loaded.config)).toEqual({ environment: 'acceptance', url: 'https://services-acpt.ehealth.fgov.be/IAM/SecurityTokenService/v1' });
    await load({ environment: 'production' }).then((l) =>
      expect(configuredStsEndpoint(l.config).url).toBe('https://services.ehealth.fgov.be/IAM/SecurityTokenService/v1'),
    );
  });

  it('obtains a token with the configured keystores, trust anchor (DER) and TLS CA (relative paths)', async () => {
    const loaded = await load({ endpoints: { acceptance: world.sts.url }, trustAnchorFile: 'IAMACC.cer', caFile: 'sts-tls-ca.pem', tokenLifetimeHours: 1 });
    expect(loaded.config.sts?.trustAnchorFile).toBe(path.join(world.dir, 'IAMACC.cer'));
    const provider = createStsTokenProviderFromConfig(loaded.config, { env: world.env });
    const { token, holderOfKey } = await provider.getToken();
    expect(token.notOnOrAfter.getTime() - token.notBefore.getTime()).toBeLessThanOrEqual(3_600_000);
    expect(holderOfKey.certificatePem).toBe(world.keystores.pharmacy.authentication.certificatePem);
  });

  it('without a trust anchor: a typed refusal saying what to set, raised at first use', async () => {
    const loaded = await load({ endpoints: { acceptance: world.sts.url }, caFile: 'sts-tls-ca.pem' });
    const provider = createStsTokenProviderFromConfig(loaded.config, { env: world.env });
    await expect(provider.getToken()).rejects.toMatchObject({ problem: 'trust-anchor-missing', message: expect.stringMatching(/sts\.trustAnchorFile/) });
  });

  it('an unreadable trust anchor or a bad profile file are typed errors', async () => {
    await writeFile(path.join(world.dir, 'bad-profile.json'), '{"name": "x"}');
    const notCert = await load({ endpoints: { acceptance: world.sts.url }, trustAnchorFile: 'keystore-password.txt' });
    await expect(createStsTokenProviderFromConfig(notCert.config, { env: world.env }).getToken()).rejects.toMatchObject({ problem: 'trust-anchor-unreadable' });
    const badProfile = await load({ endpoints: { acceptance: world.sts.url }, trustAnchorFile: 'IAMACC.cer', profileFile: 'bad-profile.json' });
    await expect(createStsTokenProviderFromConfig(badProfile.config, { env: world.env }).getToken()).rejects.toMatchObject({ problem: 'profile-invalid' });
  });

  it('the schema refuses an http:// STS address and unknown keys', async () => {
    const file = path.join(world.dir, 'bad.json');
    await writeFile(file, JSON.stringify(configJson({ endpoints: { acceptance: 'http://sts.example' }, lifetime: 3 })));
    const result = await loadConfigFile(file, { lang: 'en', realHubs: true, facts: { env: world.env, platform: process.platform, home: os.homedir() } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(['sts', 'sts.endpoints.acceptance']);
  });
});
