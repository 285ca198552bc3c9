/**
 * One HTTPS exchange with a hub: server authentication only (the hub's
 * certificate must chain to the configured CA or the system roots; no client
 * certificate), an AbortSignal that cancels at any point, and a size cap
 * enforced while the answer streams in (reading stops at the cap).
 */
import https from 'node:https';

export type TransportFailureKind = 'timeout' | 'cancelled' | 'unreachable' | 'tls' | 'too-large' | 'bad-encoding';

export interface TransportFailure {
  kind: TransportFailureKind;
  /** Plain words, no patient data. */
  message: string;
}

export type TransportResult =
  | { ok: true; status: number; contentType: string | undefined; body: string }
  | { ok: false; failure: TransportFailure };

export interface HttpsRequest {
  url: URL;
  method: 'POST' | 'GET';
  headers?: Record<string, string>;
  body?: string;
  caPem?: string;
  agent?: https.Agent;
  signal: AbortSignal;
  maxResponseBytes: number;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

function abortFailure(signal: AbortSignal): TransportFailure {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError'
    ? { kind: 'timeout', message: 'the hub did not answer in time' }
    : { kind: 'cancelled', message: 'the request was cancelled' };
}

export function classifyNetworkError(error: unknown): TransportFailure {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return { kind: 'tls', message: `TLS: the hub's server certificate was not accepted (${code})` };
  }
  const words = NETWORK_CODES[code];
  if (words) return { kind: 'unreachable', message: `the hub is unreachable: ${words}` };
  if (code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return { kind: 'unreachable', message: 'the connection closed before the answer was complete' };
  }
  return { kind: 'unreachable', message: `the hub is unreachable${code ? ` (${code})` : ''}` };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function httpsExchange(request: HttpsRequest): Promise<TransportResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TransportResult) => {
      if (settled) return;
      settled = true;
      request.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    if (request.signal.aborted) return finish({ ok: false, failure: abortFailure(request.signal) });

    const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string | number> = { ...request.headers };
    if (payload) headers['content-length'] = payload.length;

    const req = https.request(request.url, {
      method: request.method,
      headers,
      ca: request.caPem,
      agent: request.agent,
      rejectUnauthorized: true,
    });
    const onAbort = () => {
      finish({ ok: false, failure: abortFailure(request.signal) });
      req.destroy();
    };
    request.signal.addEventListener('abort', onAbort, { once: true });

    req.on('error', (error) => finish({ ok: false, failure: classifyNetworkError(error) }));
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
        finish({ ok: false, failure: { kind: 'too-large', message: `the hub's answer is larger than ${request.maxResponseBytes} bytes` } });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          finish({ ok: false, failure: { kind: 'too-large', message: `the hub's answer is larger than ${request.maxResponseBytes} bytes` } });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish({ ok: false, failure: classifyNetworkError(error) }));
      res.on('close', () => {
        if (!res.complete) finish({ ok: false, failure: { kind: 'unreachable', message: 'the connection closed before the answer was complete' } });
      });
      res.on('end', () => {
        let body: string;
        try {
          body = utf8.decode(Buffer.concat(chunks));
        } catch {
          finish({ ok: false, failure: { kind: 'bad-encoding', message: "the hub's answer is not valid UTF-8" } });
          return;
        }
        finish({ ok: true, status: res.statusCode ?? 0, contentType: res.headers['content-type'], body });
      });
    });
    req.end(payload);
  });
}
