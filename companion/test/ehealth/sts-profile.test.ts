/** The STS profile is data: the built-in pharmacy profile, its claims, and a bad profile file's problems listed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtInPharmacyProfile, loadStsProfile, StsProfileError, wsTrustClaims } from '../../src/ehealth/sts-profile.ts';
import { VALUES } from '../sts/sts-fixture.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sts-profile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('STS profile', () => {
  it('the built-in pharmacy profile asserts the four identification attributes and requests the certified designators (§2.1)', () => {
    const profile = builtInPharmacyProfile();
    expect(profile.asserted.map((a) => a.name)).toEqual([
      'urn:be:fgov:ehealth:1.0:certificateholder:person:ssin',
      'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number',
      'urn:be:fgov:person:ssin',
      'urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder',
    ]);
    const certified = profile.designators.filter((d) => d.namespace === 'urn:be:fgov:certified-namespace:ehealth');
    expect(certified.filter((d) => d.required).map((d) => [d.name, d.expect])).toEqual([
      ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean', 'true'],
      ['urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11', { equals: 'pharmacistRiziv' }],
      ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean', 'true'],
    ]);
  });

  it('claims: asserted ones with their value, then each designator not asserted, once', () => {
    const claims = wsTrustClaims(builtInPharmacyProfile(), VALUES);
    expect(claims.slice(0, 4).map((c) => c.value)).toEqual(['80010112379', '80000551', '80010112379', '80010112379']);
    expect(claims.slice(4).every((c) => c.value === undefined)).toBe(true);
    expect(new Set(claims.map((c) => c.uri)).size).toBe(claims.length);
  });

  it('a profile file with problems lists every one', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'x',
        asserted: [{ name: 'not a urn', value: 'pharmacistSsin' }],
        designators: [
          { name: 'urn:a', namespace: 'urn:n', expect: 'yes' },
          { name: 'urn:b', namespace: 'urn:n', expect: { equals: 'somebody' } },
        ],
      }),
    );
    const error = await loadStsProfile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StsProfileError);
    expect((error as StsProfileError).problems).toEqual([
      expect.stringMatching(/^asserted\.0\.name: /),
      expect.stringMatching(/^designators\.0\.expect: /),
      expect.stringMatching(/^designators\.1\.expect/),
    ]);
    const twice = path.join(dir, 'twice.json');
    const d = { name: 'urn:b', namespace: 'urn:n', expect: 'true' };
    await writeFile(twice, JSON.stringify({ name: 'x', asserted: [{ name: 'urn:a', value: 'pharmacistSsin' }], designators: [d, d] }));
    const duplicate = await loadStsProfile(twice).catch((e: unknown) => e);
    expect((duplicate as StsProfileError).problems).toEqual(['designators.1.name: this designator is listed twice']);
    await expect(loadStsProfile(path.join(dir, 'missing.json'))).rejects.toBeInstanceOf(StsProfileError);
  });

  it('a valid profile file loads', async () => {
    const file = path.join(dir, 'good.json');
    await writeFile(file, JSON.stringify({ ...builtInPharmacyProfile(), name: 'pharmacy-with-mediprima' }));
    expect((await loadStsProfile(file)).name).toBe('pharmacy-with-mediprima');
  });
});
