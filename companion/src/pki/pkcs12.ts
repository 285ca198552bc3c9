/**
 * Packs a key and its certificate chain into a PKCS#12 file shaped like an
 * eHealth keystore: the authentication key under the friendly name
 * `authentication` (ehealth-auth.md §6), AES-256 + SHA-256 MAC.
 * Used to make test keystores for the STS work; never for real keys.
 */
import forge from 'node-forge';
import { splitCertificates } from './pem.ts';

export interface Pkcs12Input {
  privateKeyPem: string;
  /** The key's certificate first, then any chain certificates. */
  certificatePem: string;
  chainPem?: string;
  password: string;
  /** Default `authentication`, the alias eHealth connectors read. */
  friendlyName?: string;
}

export function writePkcs12(input: Pkcs12Input): Buffer {
  const key = forge.pki.privateKeyFromPem(input.privateKeyPem);
  const chain = [...splitCertificates(input.certificatePem), ...splitCertificates(input.chainPem ?? '')].map((pem) =>
    forge.pki.certificateFromPem(pem),
  );
  if (chain.length === 0) throw new Error('a PKCS#12 file needs at least the key certificate');
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, input.password, {
    algorithm: 'aes256',
    friendlyName: input.friendlyName ?? 'authentication',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export interface KeystoreEntryInput {
  privateKeyPem: string;
  /** The entry's certificate first, then any chain certificates. */
  certificatePem: string;
  chainPem?: string;
  /** The alias (PKCS#12 friendlyName), e.g. `authentication`. */
  friendlyName: string;
}

export interface KeystoreInput {
  entries: readonly KeystoreEntryInput[];
  /** One password for the store and every key, as eHealth issues them. */
  password: string;
  /** PBKDF2 iterations for keys and MAC; default 2048. */
  iterations?: number;
}

/**
 * Several key entries in one PKCS#12 file, like an eHealth keystore that holds
 * the `authentication` key and ETEE encryption keys beside it (§6). Each entry
 * is a shrouded key bag (AES-256) plus its certificate bags, paired by
 * localKeyId; one SHA-1 HMAC covers the whole AuthenticatedSafe.
 * For tests and the simulator only.
 */
export function writeKeystorePkcs12(input: KeystoreInput): Buffer {
  if (input.entries.length === 0) throw new Error('a keystore needs at least one entry');
  const asn1 = forge.asn1;
  const count = input.iterations ?? 2048;
  const contentInfos: forge.asn1.Asn1[] = [];
  for (const entry of input.entries) {
    const key = forge.pki.privateKeyFromPem(entry.privateKeyPem);
    const chain = [...splitCertificates(entry.certificatePem), ...splitCertificates(entry.chainPem ?? '')].map((pem) =>
      forge.pki.certificateFromPem(pem),
    );
    if (chain.length === 0) throw new Error('every keystore entry needs its certificate');
    const single = forge.pkcs12.toPkcs12Asn1(key, chain, input.password, {
      algorithm: 'aes256',
      friendlyName: entry.friendlyName,
      generateLocalKeyId: true,
      useMac: false,
      count,
    });
    // PFX → authSafe ContentInfo → [0] → OCTET STRING (DER of the AuthenticatedSafe).
    const authSafe = (single.value as forge.asn1.Asn1[])[1]!;
    const octets = ((authSafe.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
    const safe = asn1.fromDer(octets.value as string);
    contentInfos.push(...(safe.value as forge.asn1.Asn1[]));
  }
  const safe = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, contentInfos);
  const safeDer = asn1.toDer(safe).getBytes();

  const macSalt = forge.util.createBuffer(forge.random.getBytesSync(8));
  const macKey = forge.pkcs12.generateKey(input.password, macSalt, 3, count, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey.getBytes());
  hmac.update(safeDer);
  const macData = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(forge.pki.oids.sha1!).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, hmac.digest().getBytes()),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, macSalt.getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(count).getBytes()),
  ]);
  const pfx = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(forge.pki.oids.data!).getBytes()),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, safeDer)]),
    ]),
    macData,
  ]);
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
