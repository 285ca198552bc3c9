/**
 * One ds:Signature in the wsse:Security header over the elements named by
 * their wsu:Id (Body and Timestamp for hub calls; plus the BinarySecurityToken
 * for STS calls). Exclusive c14n, RSA-SHA256, SHA-256 digests
 * (ehealth-auth.md §1.3, §3.1, §7).
 *
 * xml-crypto computes the signature on its own DOM copy; only the resulting
 * ds:Signature element is spliced into the caller's envelope string, so every
 * other byte (the SAML assertion above all) stays exactly as the caller built it.
 *
 * Performance: the private key is imported once per PEM (not on every
 * signature), and `signSecuredEnvelope` signs the envelope before its security
 * tokens are spliced in (they are not signed parts, and exclusive c14n of the
 * Body, the Timestamp and SignedInfo does not depend on them), so the SAML
 * assertion is not parsed and serialised twice per hub call, and computes
 * the RSA-SHA256 signature directly (signRsaSha256Directly). The result is
 * byte for byte the envelope `signSoapEnvelope` gives with the tokens in place.
 * `signSecuredEnvelopeAsync` does the RSA operation on libuv's thread pool, so
 * a busy companion's event loop is not held for it on every hub call.
 */
import { createHash, createPrivateKey, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { parseXmlDocument, attributeNS, descendants } from './dom.ts';
import { buildSecuredEnvelope, type SecuredEnvelopeInput } from './envelope.ts';
import { ALGORITHM, NS, isSafeXmlId } from './namespaces.ts';
import { keyInfoContentXml, type KeyInfoReference } from './key-info.ts';
import { findSecurityHeader } from './security-header.ts';

export interface SignSoapEnvelopeOptions {
  /** PEM private key (the holder-of-key key for hub calls). */
  privateKeyPem: string;
  keyInfo: KeyInfoReference;
  /** wsu:Id values of the elements to sign, e.g. [bodyId, timestampId]. */
  references: readonly string[];
  /** Default RSA-SHA256. */
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
}

export class WssSignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WssSignError';
  }
}

function elementsWithWsuId(all: readonly Element[], id: string): Element[] {
  return all.filter((e) => attributeNS(e, NS.wsu, 'Id') === id);
}

/**
 * `/*[1]/*[2]/...`: the element's position from the root. A child-axis path is
 * far cheaper for xml-crypto's XPath engine than an attribute search over the
 * whole document, and it names exactly the element checked here.
 */
function positionalPath(element: Element): string {
  const steps: string[] = [];
  for (let node: Node | null = element; node && node.nodeType === 1; node = node.parentNode) {
    let index = 1;
    for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) if (sibling.nodeType === 1) index++;
    steps.unshift(`*[${index}]`);
  }
  return `/${steps.join('/')}`;
}

/** Imported signing keys by PEM, so a key is parsed once, not for every hub call (a few keys at most). */
const KEY_CACHE_SIZE = 8;
const importedKeys = new Map<string, KeyObject>();

function importedPrivateKey(pem: string): KeyObject {
  let key = importedKeys.get(pem);
  if (key) return key;
  key = createPrivateKey(pem);
  if (importedKeys.size >= KEY_CACHE_SIZE) importedKeys.delete(importedKeys.keys().next().value!);
  importedKeys.set(pem, key);
  return key;
}

interface SigningPlan {
  /** The elements to sign, in the order of `references`. */
  targets: Element[];
  /** Offset of the Security header's closing tag, where the ds:Signature goes. */
  at: number;
  security: Element;
}

/** The checks every signature starts with: a SOAP envelope with one Security header, each reference on exactly one element. */
function planSigning(envelopeXml: string, options: SignSoapEnvelopeOptions): SigningPlan {
  const parsed = parseXmlDocument(envelopeXml);
  if (!parsed.ok) throw new WssSignError(`cannot sign: ${parsed.message}`);
  const header = findSecurityHeader(parsed.document);
  if (!header.ok) throw new WssSignError(`cannot sign: ${header.message}`);
  if (options.references.length === 0) throw new WssSignError('nothing to sign');
  const root = parsed.document.documentElement!;
  const all = [root, ...descendants(root)];
  const targets = options.references.map((id) => {
    if (!isSafeXmlId(id)) throw new WssSignError('unsafe wsu:Id');
    const found = elementsWithWsuId(all, id);
    if (found.length !== 1) throw new WssSignError(`wsu:Id ${id} must be on exactly one element`);
    return found[0]!;
  });

  const securityTag = header.security.tagName;
  const closing = `</${securityTag}>`;
  const at = envelopeXml.indexOf(closing);
  if (at < 0 || envelopeXml.indexOf(closing, at + 1) >= 0) {
    throw new WssSignError('the Security header must be written with one explicit closing tag');
  }
  return { targets, at, security: header.security };
}

/** Returns the envelope with the ds:Signature appended as the last child of wsse:Security. */
export function signSoapEnvelope(envelopeXml: string, options: SignSoapEnvelopeOptions): string {
  const { targets, at, security } = planSigning(envelopeXml, options);
  const signer = new SignedXml({
    privateKey: importedPrivateKey(options.privateKeyPem),
    idMode: 'wssecurity',
    canonicalizationAlgorithm: ALGORITHM.excC14n,
    signatureAlgorithm: options.signatureAlgorithm === 'rsa-sha1' ? ALGORITHM.rsaSha1 : ALGORITHM.rsaSha256,
    getKeyInfoContent: () => keyInfoContentXml(options.keyInfo),
  });
  for (const target of targets) {
    signer.addReference({
      xpath: positionalPath(target),
      transforms: [ALGORITHM.excC14n],
      digestAlgorithm: options.signatureAlgorithm === 'rsa-sha1' ? ALGORITHM.sha1 : ALGORITHM.sha256,
    });
  }
  signer.computeSignature(envelopeXml, {
    prefix: 'ds',
    location: { reference: positionalPath(security), action: 'append' },
  });
  return envelopeXml.slice(0, at) + signer.getSignatureXml() + envelopeXml.slice(at);
}

const DS_PREFIX_DEFAULTS = { ds: NS.ds };

/** A signature ready but for its RSA operation: the bytes to sign, the key, and how to write the result in. */
interface PreparedSignature {
  data: Buffer;
  key: KeyObject;
  /** The envelope with the ds:Signature carrying `value` (base64). */
  finish(value: string): string;
}

/**
 * The RSA-SHA256 signature `signSoapEnvelope` makes, computed directly: the
 * same checks, exclusive c14n of each referenced element (xml-crypto's own
 * ExclusiveCanonicalization, on the parsed envelope, without the copies,
 * XPath look-ups, re-parse and re-serialisation SignedXml makes around it),
 * SHA-256 digests, the SignedInfo xml-crypto writes, canonicalised the same
 * way, signed with the imported key. Byte for byte the same output
 * (test/wss/sign-secured-envelope.test.ts compares both on many envelopes).
 * This part prepares everything but the RSA operation.
 */
function prepareRsaSha256(envelopeXml: string, options: SignSoapEnvelopeOptions): PreparedSignature {
  const { targets, at } = planSigning(envelopeXml, options);
  const c14n = new ExclusiveCanonicalization();
  const references = targets
    .map((target, i) => {
      const digest = createHash('sha256').update(c14n.process(target, { defaultNsForPrefix: DS_PREFIX_DEFAULTS }), 'utf8').digest('base64');
      return (
        `<ds:Reference URI="#${options.references[i]}"><ds:Transforms><ds:Transform Algorithm="${ALGORITHM.excC14n}"/></ds:Transforms>` +
        `<ds:DigestMethod Algorithm="${ALGORITHM.sha256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`
      );
    })
    .join('');
  const signedInfo =
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${ALGORITHM.excC14n}"/>` +
    `<ds:SignatureMethod Algorithm="${ALGORITHM.rsaSha256}"/>${references}</ds:SignedInfo>`;
  const open = `<ds:Signature xmlns:ds="${NS.ds}">`;
  const parsed = parseXmlDocument(`${open}${signedInfo}</ds:Signature>`);
  if (!parsed.ok) throw new WssSignError(`cannot sign: ${parsed.message}`);
  const signedInfoElement = parsed.document.documentElement!.firstChild as Element;
  const canonicalSignedInfo = c14n.process(signedInfoElement, { defaultNsForPrefix: DS_PREFIX_DEFAULTS });
  return {
    data: Buffer.from(canonicalSignedInfo, 'utf8'),
    key: importedPrivateKey(options.privateKeyPem),
    finish: (value) => {
      const signature = `${open}${signedInfo}<ds:SignatureValue>${value}</ds:SignatureValue><ds:KeyInfo>${keyInfoContentXml(options.keyInfo)}</ds:KeyInfo></ds:Signature>`;
      return envelopeXml.slice(0, at) + signature + envelopeXml.slice(at);
    },
  };
}

function signRsaSha256Directly(envelopeXml: string, options: SignSoapEnvelopeOptions): string {
  const prepared = prepareRsaSha256(envelopeXml, options);
  return prepared.finish(cryptoSign('sha256', prepared.data, prepared.key).toString('base64'));
}

/** The same RSA operation on libuv's thread pool (crypto.sign with a callback): the event loop goes on meanwhile. */
function rsaSha256OffThread(prepared: PreparedSignature): Promise<string> {
  return new Promise((resolve, reject) => {
    cryptoSign('sha256', prepared.data, prepared.key, (error, signature) => {
      if (error) reject(error);
      else resolve(prepared.finish(signature.toString('base64')));
    });
  });
}

/** Tokens already found well-formed in the envelope's namespace context (a token is reused for hours). */
const TOKEN_CACHE_SIZE = 8;
const wellFormedTokens = new Set<string>();

/** The check `signSoapEnvelope` makes on the whole envelope, made on each token once. */
function checkTokenParses(token: string): void {
  if (wellFormedTokens.has(token)) return;
  const context = `<soapenv:Envelope xmlns:soapenv="${NS.soap11}" xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}">${token}</soapenv:Envelope>`;
  const parsed = parseXmlDocument(context);
  if (!parsed.ok) throw new WssSignError(`cannot sign: ${parsed.message}`);
  if (wellFormedTokens.size >= TOKEN_CACHE_SIZE) wellFormedTokens.delete(wellFormedTokens.values().next().value!);
  wellFormedTokens.add(token);
}

interface SecuredSkeleton {
  /** The envelope with a comment slot where the tokens go: what is signed. */
  skeleton: string;
  /** The signed skeleton with the tokens spliced into their slot. */
  withTokens(signed: string): string;
}

function securedSkeleton(input: SecuredEnvelopeInput, options: SignSoapEnvelopeOptions): SecuredSkeleton {
  const tokens = input.tokens ?? [];
  for (const token of tokens) checkTokenParses(token);
  for (const id of options.references) {
    if (tokens.some((token) => token.includes(id))) throw new WssSignError(`wsu:Id ${id} must be on exactly one element`);
  }
  const slot = `<!--vaccicard-token-slot-${randomBytes(8).toString('hex')}-->`;
  return {
    skeleton: buildSecuredEnvelope({ ...input, tokens: [slot] }),
    withTokens: (signed) => {
      const at = signed.indexOf(slot);
      if (at < 0 || signed.indexOf(slot, at + 1) >= 0) throw new WssSignError('the token slot must be in the envelope exactly once');
      const closing = /<\/(?:[A-Za-z_][\w.-]*:)?Security>/.exec(signed.slice(at))?.[0];
      if (closing === undefined || tokens.some((token) => token.includes(closing))) {
        throw new WssSignError('the Security header must be written with one explicit closing tag');
      }
      return signed.slice(0, at) + tokens.join('') + signed.slice(at + slot.length);
    },
  };
}

/**
 * Builds the envelope (see `buildSecuredEnvelope`) and signs the elements named
 * by `options.references`, which must not be in the security tokens (the hub
 * calls sign Body and Timestamp; a token that is signed itself, such as the
 * STS call's BinarySecurityToken, goes through `signSoapEnvelope`). Same
 * output as `signSoapEnvelope(buildSecuredEnvelope(input), options)`, with the
 * same refusals, at a fraction of the cost when a token is large.
 */
export function signSecuredEnvelope(input: SecuredEnvelopeInput, options: SignSoapEnvelopeOptions): string {
  const { skeleton, withTokens } = securedSkeleton(input, options);
  return withTokens(options.signatureAlgorithm === 'rsa-sha1' ? signSoapEnvelope(skeleton, options) : signRsaSha256Directly(skeleton, options));
}

/**
 * `signSecuredEnvelope` with its RSA-SHA256 operation on libuv's thread pool:
 * the same bytes (PKCS#1 v1.5 signatures are deterministic) and the same
 * refusals (as a rejected promise), while the event loop serves other
 * requests. The hub client signs every call this way.
 */
export async function signSecuredEnvelopeAsync(input: SecuredEnvelopeInput, options: SignSoapEnvelopeOptions): Promise<string> {
  const { skeleton, withTokens } = securedSkeleton(input, options);
  if (options.signatureAlgorithm === 'rsa-sha1') return withTokens(signSoapEnvelope(skeleton, options));
  return withTokens(await rsaSha256OffThread(prepareRsaSha256(skeleton, options)));
}
