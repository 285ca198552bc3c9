/**
 * One SOAP POST to the STS over HTTPS: server authentication only (no
 * client certificate: the certificate travels inside the signed message,
 * ehealth-auth.md §1.3), an optional extra CA, a size cap enforced while
 * reading, and an AbortSignal. Failures come back as StsErrors.
 */
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { StsError } from './sts-error.ts';

export interface StsPostRequest {
  url: URL;
  soapAction: string;
  body: string;
  /** Trusted beside the system roots. */
  caPem?: string;
  signal: AbortSignal;
  maxResponseBytes: number;
}

export interface StsPostResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

const TLS_CODE = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|EPROTO)/;

function networkError(error: unknown): StsError {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (TLS_CODE.test(code)) return new StsError('sts-tls', { detail: code });
  return new StsError('sts-unreachable', { detail: code || 'network error' });
}

function abortError(signal: AbortSignal): StsError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError' ? new StsError('sts-timeout') : new StsError('cancelled');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function postToSts(request: StsPostRequest): Promise<StsPostResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      request.signal.removeEventListener('abort', onAbort);
      fn();
    };
    if (request.signal.aborted) {
      reject(abortError(request.signal));
      return;
    }
    const payload = Buffer.from(request.body, 'utf8');
    const req = https.request(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: `"${request.soapAction}"`,
        accept: 'text/xml',
        'content-length': payload.length,
      },
      // An extra CA is added to the system roots, not put in their place.
      ...(request.caPem !== undefined && { ca: [...rootCertificates, request.caPem] }),
      rejectUnauthorized: true,
    });
    const onAbort = () => {
      settle(() => reject(abortError(request.signal)));
      req.destroy();
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => settle(() => reject(networkError(error))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          settle(() => reject(new StsError('malformed-answer', { detail: `larger than ${request.maxResponseBytes} bytes` })));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => settle(() => reject(networkError(error))));
      res.on('end', () => {
        let body: string;
        try {
          body = utf8.decode(Buffer.concat(chunks));
        } catch {
          settle(() => reject(new StsError('malformed-answer', { detail: 'not UTF-8' })));
          return;
        }
        settle(() => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }));
      });
    });
    req.end(payload);
  });
}
