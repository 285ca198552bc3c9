import { describe, expect, it, beforeAll } from 'vitest';
import { X509Certificate, createSign, createVerify } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import {
  createTestCa,
  createTlsServerCertificate,
  createPharmacyHokCertificate,
  createPharmacistCertificate,
  createIamSigningCertificate,
  describeCertificate,
  daysToExpiry,
  parseEhealthCommonName,
  writePkcs12,
  certificateBase64,
  certificatePemFromBase64,
  splitCertificates,
  type TestCa,
} from '../../src/pki/index.ts';

let ca: TestCa;
beforeAll(async () => {
  ca = await createTestCa();
});

describe('test CA and issued certificates', () => {
  it('issues certificates that verify against the CA', async () => {
    const hok = await createPharmacyHokCertificate(ca, '80000551');
    const caCert = new X509Certificate(ca.certificatePem);
    const cert = new X509Certificate(hok.certificatePem);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    // the key pair belongs to the certificate
    const signature = createSign('sha256').update('x').sign(hok.privateKeyPem);
    expect(createVerify('sha256').update('x').verify(hok.certificatePem, signature)).toBe(true);
  });

  it('puts the eHealth identifier in the CN and reads it back', async () => {
    const hok = await createPharmacyHokCertificate(ca, '80000551', 'MY APP');
    const pharmacist = await createPharmacistCertificate(ca, '80010112379');
    const hokInfo = describeCertificate(hok.certificatePem);
    expect(hokInfo.commonName).toBe('NIHII-PHARMACY=80000551, MY APP');
    expect(hokInfo.ehealthIdentifier).toEqual({ type: 'NIHII-PHARMACY', value: '80000551' });
    expect(describeCertificate(pharmacist.certificatePem).ehealthIdentifier).toEqual({ type: 'SSIN', value: '80010112379' });
    expect(daysToExpiry(hokInfo)).toBeGreaterThan(700);
    expect(parseEhealthCommonName('Simulated IAM')).toBeUndefined();
  });

  it('rejects malformed identifiers', async () => {
    expect(() => createPharmacyHokCertificate(ca, '8000055')).toThrow(/8 digits/);
    expect(() => createPharmacistCertificate(ca, '8001011237')).toThrow(/11 digits/);
  });

  it('serves TLS for 127.0.0.1 and localhost, trusted only through the test CA', async () => {
    const tls = await createTlsServerCertificate(ca);
    const server = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const get = (host: string, ca?: string) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, path: '/', ca, agent: false }, (res) => {
            res.setEncoding('utf8');
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    try {
      await expect(get('127.0.0.1', ca.certificatePem)).resolves.toBe('ok');
      await expect(get('localhost', ca.certificatePem)).resolves.toBe('ok');
      await expect(get('127.0.0.1')).rejects.toThrow(/certificate/i);
      const otherCa = await createTestCa('Other CA');
      await expect(get('127.0.0.1', otherCa.certificatePem)).rejects.toThrow(/certificate/i);
    } finally {
      server.close();
    }
  });

  it('an IAM signing certificate carries no TLS usage', async () => {
    const iam = await createIamSigningCertificate(ca);
    const cert = new X509Certificate(iam.certificatePem);
    expect(cert.keyUsage ?? []).not.toContain('1.3.6.1.5.5.7.3.1');
  });
});

describe('PEM helpers', () => {
  it('round-trips a certificate through bare base64', async () => {
    const b64 = certificateBase64(ca.certificatePem);
    expect(b64).not.toMatch(/\s|-----/);
    expect(certificatePemFromBase64(b64)).toBe(ca.certificatePem);
    expect(splitCertificates(ca.certificatePem + ca.certificatePem)).toHaveLength(2);
    expect(() => certificateBase64('nothing')).toThrow();
    expect(() => certificatePemFromBase64('<x/>')).toThrow();
  });
});

describe('PKCS#12', () => {
  it('writes a keystore with the authentication alias that opens with the password', async () => {
    const hok = await createPharmacyHokCertificate(ca, '80000551');
    const p12 = writePkcs12({ privateKeyPem: hok.privateKeyPem, certificatePem: hok.certificatePem, chainPem: ca.certificatePem, password: 'test-pass' });
    const asn1 = forge.asn1.fromDer(p12.toString('binary'));
    const store = forge.pkcs12.pkcs12FromAsn1(asn1, 'test-pass');
    const keyBags = store.getBags({ friendlyName: 'authentication', bagType: forge.pki.oids.pkcs8ShroudedKeyBag! });
    expect(keyBags.friendlyName?.length).toBe(1);
    const certBags = store.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
    expect(certBags).toHaveLength(2);
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), 'wrong')).toThrow();
  });
});
