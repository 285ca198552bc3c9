/**
 * The common front of a JSON operation: the pairing secret, the media type,
 * the body under its cap, UTF-8, JSON, then the operation's schema. Answers
 * the error itself and returns undefined when any step fails.
 */
import type { z } from 'zod';
import { formatIssuePath } from '../config/load.ts';
import { checkSecret } from './authorize.ts';
import { readBody } from './body.ts';
import { isJsonContentType } from './media-type.ts';
import type { RequestContext } from './request-context.ts';
import { sendError, type Sent } from './respond.ts';

export interface JsonRequestDeps {
  secret: string;
  maxBodyBytes: number;
}

/** Issue messages are zod's and ours; none of them repeats the submitted value. */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.slice(0, 20).map((i) => ({ path: formatIssuePath(i.path), message: i.message.slice(0, 200) }));
}

export type JsonRequest<T> = { ok: true; value: T } | { ok: false; sent: Sent | 'abandoned' };

export async function readJsonRequest<S extends z.ZodType>(ctx: RequestContext, deps: JsonRequestDeps, schema: S): Promise<JsonRequest<z.output<S>>> {
  const { req, res } = ctx;
  const fail = (sent: Sent | 'abandoned'): JsonRequest<z.output<S>> => ({ ok: false, sent });
  const secret = checkSecret(req, deps.secret);
  if (secret !== 'valid') {
    return fail(sendError(res, 'unauthorized', secret === 'absent' ? 'the X-Companion-Secret header is missing' : 'wrong pairing secret'));
  }
  if (!isJsonContentType(req.headers['content-type'])) return fail(sendError(res, 'unsupported-media-type', 'send the body as application/json (UTF-8)'));
  const body = await readBody(req, deps.maxBodyBytes, ctx.signal);
  if (body.kind === 'too-large') {
    return fail(sendError(res, 'payload-too-large', `the body is larger than ${deps.maxBodyBytes} bytes`, { headers: { Connection: 'close' } }));
  }
  if (body.kind === 'aborted') return fail(ctx.timedOut() ? sendError(res, 'timeout', 'the request took too long') : 'abandoned');
  if (body.kind === 'bad-encoding') return fail(sendError(res, 'bad-request', 'the body is not valid UTF-8'));
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    // JSON.parse's own message quotes the input: never echo it.
    return fail(sendError(res, 'bad-request', 'the body is not valid JSON'));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail(sendError(res, 'bad-request', 'the request does not match the contract', { issues: issuesOf(parsed.error) }));
  return { ok: true, value: parsed.data };
}
