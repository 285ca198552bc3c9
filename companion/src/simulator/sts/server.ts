/**
 * SIMULATOR ONLY. A local HTTPS WS-Trust endpoint that behaves like the
 * eHealth STS for the pharmacy profile (ehealth-auth.md §8 "Simulated STS"):
 * it verifies the signed request, checks the claims against the
 * certificates, runs the SignChallenge round trip when the identification
 * and holder-of-key certificates differ, and issues a SAML 1.1 holder-of-key
 * assertion signed by the simulated IAM key. Fault modes let tests make it
 * refuse, answer `false`, answer empty, or issue short-lived tokens.
 * Its TLS certificate comes from the test CA; it binds 127.0.0.1.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestCa } from '../../pki/certificates.ts';
import { createTlsServerCertificate } from '../../pki/ehealth-identities.ts';
import { certificateBase64 } from '../../pki/pem.ts';
import type { SimulatedIam } from '../iam.ts';
import { STS_PATH, STS_SOAP_ACTION } from '../../ehealth/ws-trust.ts';
import { challengeEnvelope, tokenEnvelope } from './answers.ts';
import { fault, faultEnvelope, type StsFault, type StsFaultMode } from './faults.ts';
import { checkClaimsAgainstCertificates, issueAssertion } from './issue.ts';
import { readChallengeAnswer, readIssueRequest, type IssueRequest } from './read-request.ts';
import { createPharmacyRegistry, type SimulatedPharmacy } from './registry.ts';
import { checkIssuedBy, verifyStsCall } from './verify-call.ts';

export interface StsSimulatorOptions {
  /** Issues the TLS certificate; the only CA whose client certificates are accepted. */
  ca: TestCa;
  /** Signs the assertions; the simulated hubs trust its certificate. */
  iam: SimulatedIam;
  pharmacies: readonly SimulatedPharmacy[];
  /** Longest token issued, whatever is requested. Default 1 hour. */
  maxLifetimeMs?: number;
  faultMode?: StsFaultMode;
  now?: () => Date;
  /** Default 0 (an ephemeral port). */
  port?: number;
}

export interface StsSimulatorStats {
  issueRequests: number;
  challengesSent: number;
  challengesAnswered: number;
  tokensIssued: number;
  faults: number;
  /** The last fault's text (for test diagnostics). */
  lastFault?: string;
}

export interface RunningStsSimulator {
  /** The WS-Trust endpoint, e.g. https://127.0.0.1:40123/IAM/SecurityTokenService/v1. */
  url: string;
  /** The CA to trust for the TLS connection. */
  tlsCaPem: string;
  /** The certificate that signs the assertions: the client's trust anchor. */
  iamCertificatePem: string;
  readonly stats: Readonly<StsSimulatorStats>;
  setFaultMode(mode: StsFaultMode): void;
  close(): Promise<void>;
}

interface PendingChallenge {
  challenge: string;
  request: IssueRequest;
  identificationCertificatePem: string;
  expiresAt: number;
}

const MAX_BODY_BYTES = 1_000_000;
const CHALLENGE_TTL_MS = 120_000;
const MAX_PENDING = 1_000;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/xml; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startStsSimulator(options: StsSimulatorOptions): Promise<RunningStsSimulator> {
  const now = options.now ?? (() => new Date());
  const maxLifetimeMs = options.maxLifetimeMs ?? 3_600_000;
  const registry = createPharmacyRegistry(options.pharmacies);
  const tls = await createTlsServerCertificate(options.ca);
  const stats: StsSimulatorStats = { issueRequests: 0, challengesSent: 0, challengesAnswered: 0, tokensIssued: 0, faults: 0 };
  const pending = new Map<string, PendingChallenge>();
  let faultMode: StsFaultMode = options.faultMode ?? { kind: 'none' };

  const refuse = (res: ServerResponse, f: StsFault) => {
    stats.faults++;
    stats.lastFault = f.text;
    send(res, 500, faultEnvelope(f));
  };

  const issue = (res: ServerResponse, request: IssueRequest, identificationCertificatePem: string) => {
    const minted = issueAssertion({ request, identificationCertificatePem, registry, iam: options.iam, faultMode, now: now(), maxLifetimeMs });
    stats.tokensIssued++;
    send(res, 200, tokenEnvelope(request.context, minted.assertionXml, minted.notBefore, minted.notOnOrAfter));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?')[0] !== STS_PATH) return send(res, 404, 'not found', 'text/plain');
    if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
    if (!/^text\/xml\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, 'text/xml expected', 'text/plain');
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, 'too large', 'text/plain');
    if (faultMode.kind === 'unavailable') return send(res, 503, 'service unavailable', 'text/plain');
    const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
    if (action === STS_SOAP_ACTION.requestSecurityToken) stats.issueRequests++;
    if (faultMode.kind === 'soap-fault') {
      return refuse(res, { code: faultMode.code ?? 'soapenv:Server', text: faultMode.text ?? 'simulated STS fault' });
    }

    const at = now();
    const verified = verifyStsCall(body, { caCertificatePem: options.ca.certificatePem, now: at });
    if (!verified.ok) return refuse(res, verified.fault);
    const { payload, signerCertificatePem } = verified.call;

    if (action === STS_SOAP_ACTION.requestSecurityToken) {
      const read = readIssueRequest(payload);
      if (!read.ok) return refuse(res, fault.client(read.text));
      const request = read.value;
      const hok = checkIssuedBy(request.useKeyCertificatePem, options.ca.certificatePem, at, 'holder-of-key');
      if (!hok.ok) return refuse(res, fault.authentication(hok.text!));
      const identity = checkClaimsAgainstCertificates(request, signerCertificatePem);
      if (!identity.ok) return refuse(res, identity.fault);
      if (certificateBase64(signerCertificatePem) === certificateBase64(request.useKeyCertificatePem)) {
        return issue(res, request, signerCertificatePem);
      }
      for (const [context, p] of pending) if (p.expiresAt <= at.getTime() || pending.size >= MAX_PENDING) pending.delete(context);
      const challenge = randomBytes(32).toString('base64url');
      pending.set(request.context, { challenge, request, identificationCertificatePem: signerCertificatePem, expiresAt: at.getTime() + CHALLENGE_TTL_MS });
      stats.challengesSent++;
      return send(res, 200, challengeEnvelope(request.context, challenge));
    }

    if (action === STS_SOAP_ACTION.challenge) {
      const read = readChallengeAnswer(payload);
      if (!read.ok) return refuse(res, fault.client(read.text));
      const waiting = pending.get(read.value.context);
      if (!waiting || waiting.expiresAt <= at.getTime()) return refuse(res, fault.client('no pending challenge for this Context'));
      if (certificateBase64(signerCertificatePem) !== certificateBase64(waiting.request.useKeyCertificatePem)) {
        return refuse(res, fault.authentication('the challenge must be signed with the holder-of-key certificate'));
      }
      if (!sameText(read.value.challenge, waiting.challenge)) return refuse(res, fault.authentication('the challenge does not match'));
      pending.delete(read.value.context);
      stats.challengesAnswered++;
      return issue(res, waiting.request, waiting.identificationCertificatePem);
    }
    return refuse(res, fault.client('unknown SOAPAction'));
  };

  const server = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, { code: 'soapenv:Server', text: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}${STS_PATH}`,
    tlsCaPem: options.ca.certificatePem,
    iamCertificatePem: options.iam.certificatePem,
    stats,
    setFaultMode(mode) {
      faultMode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
