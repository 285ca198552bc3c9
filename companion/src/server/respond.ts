/**
 * Writing answers. Every answer carries the same hardening headers and no
 * `Access-Control-Allow-*` header: browsers must never let a web page read
 * this API (the extension's background does not need CORS).
 */
import type { ServerResponse } from 'node:http';
import { HTTP_STATUS_BY_ERROR, type ApiError, type ApiErrorCode } from '../../../lib/companion/contract.ts';

export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export interface Sent {
  status: number;
  error?: ApiErrorCode;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Sent {
  return sendJsonText(res, status, JSON.stringify(body), headers);
}

/** `sendJson` for a body already serialised (the consult answer is measured before it is sent). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): Sent {
  if (res.headersSent || res.destroyed) return { status: res.statusCode };
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
  return { status };
}

export function sendError(
  res: ServerResponse,
  code: ApiErrorCode,
  message: string,
  options: { issues?: ApiError['error']['issues']; headers?: Readonly<Record<string, string>> } = {},
): Sent {
  const body: ApiError = { error: { code, message, ...(options.issues && { issues: options.issues }) } };
  sendJson(res, HTTP_STATUS_BY_ERROR[code], body, options.headers);
  return { status: HTTP_STATUS_BY_ERROR[code], error: code };
}
