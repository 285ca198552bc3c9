/**
 * An independent verifier (xmlsec1, libxmlsec: not xml-crypto, which both
 * our client and our simulator use) accepts what the companion signs for the
 * STS: the Issue request (3 references: Body, Timestamp, BinarySecurityToken)
 * and the challenge answer; and it rejects a byte changed after signing.
 * ehealth-auth.md §7 recommends this check. Needs the Debian package xmlsec1.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPharmacistCertificate, createPharmacyHokCertificate, createTestCa, type IssuedCertificate } from '../../src/pki/index.ts';
import { challengeResponseEnvelope, issueRequestEnvelope } from '../../src/ehealth/sts-message.ts';
import { builtInPharmacyProfile, wsTrustClaims } from '../../src/ehealth/sts-profile.ts';
import { VALUES } from '../sts/sts-fixture.ts';

const run = promisify(execFile);
let dir: string;
let pharmacist: IssuedCertificate;
let pharmacy: IssuedCertificate;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'xmlsec-'));
  const ca = await createTestCa();
  [pharmacist, pharmacy] = await Promise.all([createPharmacistCertificate(ca, '80010112379'), createPharmacyHokCertificate(ca, '80000551')]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function xmlsecVerify(xml: string, certificatePem: string): Promise<{ ok: boolean; output: string }> {
  const xmlFile = path.join(dir, `m-${Math.random().toString(36).slice(2)}.xml`);
  const certFile = `${xmlFile}.pem`;
  await Promise.all([writeFile(xmlFile, xml), writeFile(certFile, certificatePem)]);
  const args = ['--verify', '--pubkey-cert-pem', certFile, '--id-attr:Id', 'Body', '--id-attr:Id', 'Timestamp', '--id-attr:Id', 'BinarySecurityToken', xmlFile];
  try {
    const { stdout, stderr } = await run('xmlsec1', args);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('xmlsec1 is not installed: apt-get install xmlsec1');
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('xmlsec1 verifies the STS messages', () => {
  it('the Issue request: OK with all three references', async () => {
    const { xml } = issueRequestEnvelope({
      signer: pharmacist,
      holderOfKeyCertificatePem: pharmacy.certificatePem,
      claims: wsTrustClaims(builtInPharmacyProfile(), VALUES),
      lifetimeMs: 3_600_000,
      now: new Date(),
    });
    const result = await xmlsecVerify(xml, pharmacist.certificatePem);
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/SignedInfo References \(ok\/all\): 3\/3/);
  });

  it('the challenge answer, with the holder-of-key certificate', async () => {
    const xml = challengeResponseEnvelope({ signer: pharmacy, context: 'urn:uuid:1', challenge: 'c-1', now: new Date() });
    expect((await xmlsecVerify(xml, pharmacy.certificatePem)).ok).toBe(true);
  });

  it('rejects a changed claim and a wrong key', async () => {
    const { xml } = issueRequestEnvelope({
      signer: pharmacist,
      holderOfKeyCertificatePem: pharmacy.certificatePem,
      claims: wsTrustClaims(builtInPharmacyProfile(), VALUES),
      lifetimeMs: 3_600_000,
      now: new Date(),
    });
    expect((await xmlsecVerify(xml.replace('>80000551<', '>80000254<'), pharmacist.certificatePem)).ok).toBe(false);
    expect((await xmlsecVerify(xml, pharmacy.certificatePem)).ok).toBe(false);
  });
});
