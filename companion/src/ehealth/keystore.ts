/**
 * Opens a PKCS#12 keystore the way eHealth issues them (ehealth-auth.md §6):
 * one password for the store and every key, the signing key under the alias
 * `authentication`, and ETEE encryption keys beside it, told apart by key
 * usage and serial number rather than by alias. node-forge parses; Node's
 * crypto gets the keys as PKCS#8 PEM. Problems are typed; no message carries
 * the password or key material.
 */
import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { describeCertificate, type CertificateInfo } from '../pki/certificate-info.ts';
import { toPem } from '../pki/pem.ts';

export const DEFAULT_SIGNING_ALIAS = 'authentication';

export interface KeyUsageBits {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  dataEncipherment: boolean;
}

export interface KeystoreEntry {
  /** The entry's friendlyName, when it has one. */
  alias?: string;
  /** PKCS#8 PEM. Never logged. */
  privateKeyPem: string;
  certificatePem: string;
  /** Certificate serial number in decimal (how eHealth connectors index encryption keys). */
  serialDecimal: string;
  /** undefined when the certificate has no keyUsage extension. */
  keyUsage?: KeyUsageBits;
  certificate: CertificateInfo;
}

export interface OpenedKeystore {
  /** Every friendlyName found in the file (key and certificate bags), sorted, without duplicates. */
  aliases: string[];
  /** Every private-key entry with its certificate. */
  entries: KeystoreEntry[];
  /** The entry under the signing alias: signs the STS request or the hub calls. */
  signing: KeystoreEntry;
  /** The other key entries: ETEE decryption keys, by serial. */
  encryptionKeys: KeystoreEntry[];
  /** Certificates without a key (the issuing CA chain). */
  chainPems: string[];
}

export type KeystoreOpenProblem =
  | { code: 'not-pkcs12' }
  | { code: 'wrong-password' }
  | { code: 'no-key' }
  | { code: 'unsupported-key' }
  | { code: 'alias-missing'; alias: string; aliases: string[]; signingAliases: string[] }
  | { code: 'alias-not-signing'; alias: string }
  | { code: 'key-certificate-mismatch'; alias: string };

export type KeystoreOpenResult = { ok: true; keystore: OpenedKeystore } | { ok: false; problem: KeystoreOpenProblem };

const MAC_ERROR = /MAC could not be verified|Invalid password/i;

function bytesToDerBuffer(bytes: string): Buffer {
  return Buffer.from(bytes, 'binary');
}

function firstAttribute(bag: forge.pkcs12.Bag, name: 'friendlyName' | 'localKeyId'): string | undefined {
  const values = (bag.attributes as Record<string, unknown[] | undefined> | undefined)?.[name];
  const first = values?.[0];
  return typeof first === 'string' ? first : undefined;
}

function keyUsageOf(cert: forge.pki.Certificate): KeyUsageBits | undefined {
  const ext = cert.getExtension('keyUsage') as Partial<KeyUsageBits> | null | undefined;
  if (!ext) return undefined;
  return {
    digitalSignature: ext.digitalSignature === true,
    nonRepudiation: ext.nonRepudiation === true,
    keyEncipherment: ext.keyEncipherment === true,
    dataEncipherment: ext.dataEncipherment === true,
  };
}

function certificatePemOf(cert: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return toPem(bytesToDerBuffer(der), 'CERTIFICATE');
}

function isPfxStructure(asn1: forge.asn1.Asn1): boolean {
  const kids = Array.isArray(asn1.value) ? (asn1.value as forge.asn1.Asn1[]) : [];
  const version = kids[0];
  return (
    asn1.type === forge.asn1.Type.SEQUENCE &&
    kids.length >= 2 &&
    version !== undefined &&
    version.type === forge.asn1.Type.INTEGER &&
    typeof version.value === 'string' &&
    forge.util.bytesToHex(version.value) === '03'
  );
}

function sameRsaKey(key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate): boolean {
  const pub = cert.publicKey as forge.pki.rsa.PublicKey;
  return typeof pub?.n?.equals === 'function' && pub.n.equals(key.n) && pub.e.equals(key.e);
}

/** Whether the entry can sign (eHealth authentication certificates carry digitalSignature). */
export function canSign(entry: Pick<KeystoreEntry, 'keyUsage'>): boolean {
  return entry.keyUsage === undefined || entry.keyUsage.digitalSignature;
}

/** Opens a PKCS#12 file's bytes with `password`, selecting the signing entry by `alias`. */
export function openKeystore(bytes: Uint8Array, password: string, alias: string = DEFAULT_SIGNING_ALIAS): KeystoreOpenResult {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), false);
  } catch {
    return { ok: false, problem: { code: 'not-pkcs12' } };
  }
  if (!isPfxStructure(asn1)) return { ok: false, problem: { code: 'not-pkcs12' } };

  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    // With a MAC, only a MAC failure means a wrong password (anything else is
    // a damaged file); without a MAC, a wrong password shows as content that
    // does not decrypt, so that is what it most likely is.
    const message = error instanceof Error ? error.message : '';
    const hasMac = (asn1.value as forge.asn1.Asn1[]).length >= 3;
    const wrongPassword = hasMac ? MAC_ERROR.test(message) : true;
    return { ok: false, problem: { code: wrongPassword ? 'wrong-password' : 'not-pkcs12' } };
  }

  const bags = pfx.safeContents.flatMap((c) => c.safeBags);
  const keyBags = bags.filter((b) => b.type === forge.pki.oids.pkcs8ShroudedKeyBag || b.type === forge.pki.oids.keyBag);
  const certBags = bags.filter((b) => b.type === forge.pki.oids.certBag && b.cert);
  const aliases = [...new Set(bags.map((b) => firstAttribute(b, 'friendlyName')).filter((a): a is string => a !== undefined))].sort();
  if (keyBags.length === 0) return { ok: false, problem: { code: 'no-key' } };

  const usedCerts = new Set<forge.pkcs12.Bag>();
  const entries: KeystoreEntry[] = [];
  const mismatched: string[] = [];
  for (const keyBag of keyBags) {
    const key = keyBag.key as forge.pki.rsa.PrivateKey | undefined;
    if (!key || typeof key.n?.equals !== 'function') return { ok: false, problem: { code: 'unsupported-key' } };
    const localKeyId = firstAttribute(keyBag, 'localKeyId');
    const byId = localKeyId === undefined ? undefined : certBags.find((c) => firstAttribute(c, 'localKeyId') === localKeyId);
    const certBag = byId ?? certBags.find((c) => sameRsaKey(key, c.cert!));
    const entryAlias = firstAttribute(keyBag, 'friendlyName') ?? (certBag ? firstAttribute(certBag, 'friendlyName') : undefined);
    if (!certBag || !sameRsaKey(key, certBag.cert!)) {
      mismatched.push(entryAlias ?? '');
      continue;
    }
    usedCerts.add(certBag);
    const cert = certBag.cert!;
    const certificatePem = certificatePemOf(cert);
    const pkcs1 = forge.pki.privateKeyToPem(key);
    const privateKeyPem = createPrivateKey(pkcs1).export({ type: 'pkcs8', format: 'pem' }).toString();
    const entry: KeystoreEntry = {
      privateKeyPem,
      certificatePem,
      serialDecimal: BigInt(`0x${cert.serialNumber || '0'}`).toString(10),
      certificate: describeCertificate(certificatePem),
    };
    if (entryAlias !== undefined) entry.alias = entryAlias;
    const usage = keyUsageOf(cert);
    if (usage) entry.keyUsage = usage;
    entries.push(entry);
  }

  const signing = entries.find((e) => e.alias === alias);
  if (!signing) {
    if (mismatched.includes(alias)) return { ok: false, problem: { code: 'key-certificate-mismatch', alias } };
    const signingAliases = entries.filter((e) => e.alias !== undefined && canSign(e)).map((e) => e.alias!);
    return { ok: false, problem: { code: 'alias-missing', alias, aliases, signingAliases } };
  }
  if (!canSign(signing)) return { ok: false, problem: { code: 'alias-not-signing', alias } };

  return {
    ok: true,
    keystore: {
      aliases,
      entries,
      signing,
      encryptionKeys: entries.filter((e) => e !== signing),
      chainPems: certBags.filter((c) => !usedCerts.has(c)).map((c) => certificatePemOf(c.cert!)),
    },
  };
}

/** The encryption key whose certificate has this serial (decimal), as an ETK names it. */
export function encryptionKeyBySerial(keystore: OpenedKeystore, serialDecimal: string): KeystoreEntry | undefined {
  return keystore.encryptionKeys.find((e) => e.serialDecimal === serialDecimal);
}
