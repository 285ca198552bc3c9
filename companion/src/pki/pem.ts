/**
 * PEM helpers: the companion keeps keys and certificates as PEM strings;
 * XML-DSig and WS-Security carry certificates as bare base64 DER.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  /** Base64 body without line breaks. */
  base64: string;
}

/** Every PEM block in `text`, in order. */
export function readPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    blocks.push({ label: match[1]!, base64: match[2]!.replace(/\s+/g, '') });
  }
  return blocks;
}

/** Wraps base64 (or DER bytes) in a PEM block with 64-character lines. */
export function toPem(body: string | Uint8Array, label: string): string {
  const base64 = typeof body === 'string' ? body.replace(/\s+/g, '') : Buffer.from(body).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The first certificate of a PEM string as bare base64 DER (for ds:X509Certificate and wsse:BinarySecurityToken). */
export function certificateBase64(certificatePem: string): string {
  const block = readPemBlocks(certificatePem).find((b) => b.label === 'CERTIFICATE');
  if (!block) throw new Error('no CERTIFICATE block in the PEM text');
  return block.base64;
}

/** Bare base64 DER (as found in XML, possibly with whitespace) → PEM certificate. */
export function certificatePemFromBase64(base64: string): string {
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new Error('certificate is not base64');
  return toPem(compact, 'CERTIFICATE');
}

/** All certificates of a PEM bundle, each as its own PEM string. */
export function splitCertificates(pemBundle: string): string[] {
  return readPemBlocks(pemBundle)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => toPem(b.base64, 'CERTIFICATE'));
}
