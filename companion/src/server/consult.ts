/**
 * `POST /v1/consult`: validate everything first (secret, media type, size,
 * JSON, INSZ), then ask the hubs through the upstream, then check the answer
 * against the contract before it leaves.
 */
import { ConsultRequest, ConsultResponse, type HubResult } from '../../../lib/companion/contract.ts';
import { HUB_IDS, type HubId } from '../../../lib/vaccination.ts';
import type { ConsultUpstream } from '../upstream.ts';
import { checkSecret } from './authorize.ts';
import { readBody } from './body.ts';
import type { CompanionLogger, HubOutcome } from './log.ts';
import { isJsonContentType } from './media-type.ts';
import { sendError, sendJsonText, type Sent } from './respond.ts';
import { ABORTED, untilAborted, type RequestContext } from './request-context.ts';
import { formatIssuePath } from '../config/load.ts';

export interface ConsultDeps {
  upstream: ConsultUpstream;
  secret: string;
  logger: CompanionLogger;
  maxBodyBytes: number;
  maxResponseBytes: number;
}

/** Issue messages are zod's and ours; none of them repeats the submitted value. */
function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.slice(0, 20).map((i) => ({ path: formatIssuePath(i.path), message: i.message.slice(0, 200) }));
}

function outcomeOf(result: HubResult): HubOutcome {
  return result.status === 'ok'
    ? { outcome: 'ok', transactions: result.transactions.length, durationMs: Math.round(result.durationMs) }
    : {
        outcome: result.error.code,
        ...(result.error.upstreamCode !== undefined && { upstreamCode: result.error.upstreamCode }),
        durationMs: Math.round(result.durationMs),
      };
}

export async function handleConsult(ctx: RequestContext, deps: ConsultDeps): Promise<Sent | 'abandoned'> {
  const { req, res } = ctx;
  const secret = checkSecret(req, deps.secret);
  if (secret !== 'valid') {
    return sendError(res, 'unauthorized', secret === 'absent' ? 'the X-Companion-Secret header is missing' : 'wrong pairing secret');
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return sendError(res, 'unsupported-media-type', 'send the body as application/json (UTF-8)');
  }

  const body = await readBody(req, deps.maxBodyBytes, ctx.signal);
  if (body.kind === 'too-large') {
    return sendError(res, 'payload-too-large', `the body is larger than ${deps.maxBodyBytes} bytes`, {
      headers: { Connection: 'close' },
    });
  }
  if (body.kind === 'aborted') return ctx.timedOut() ? sendError(res, 'timeout', 'the request took too long') : 'abandoned';
  if (body.kind === 'bad-encoding') return sendError(res, 'bad-request', 'the body is not valid UTF-8');

  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    // JSON.parse's own message quotes the input: never echo it.
    return sendError(res, 'bad-request', 'the body is not valid JSON');
  }
  const parsed = ConsultRequest.safeParse(json);
  if (!parsed.success) {
    return sendError(res, 'bad-request', 'the request does not match the contract', { issues: issuesOf(parsed.error) });
  }

  const { insz } = parsed.data;
  const hubs: HubId[] = parsed.data.hubs ? HUB_IDS.filter((h) => parsed.data.hubs!.includes(h)) : [...HUB_IDS];
  ctx.patientRef = deps.logger.patientRef(insz);

  let results: Awaited<ReturnType<ConsultUpstream['consult']>> | typeof ABORTED;
  try {
    results = await untilAborted(deps.upstream.consult(insz, hubs, ctx.signal), ctx.signal);
  } catch (e) {
    deps.logger.event('upstream-failed', { op: 'consult', error: e instanceof Error ? e.name : typeof e });
    return sendError(res, 'internal', 'the hub client failed unexpectedly');
  }
  if (results === ABORTED) {
    return ctx.timedOut() ? sendError(res, 'timeout', 'the hubs did not answer in time') : 'abandoned';
  }

  const answer: ConsultResponse = { hubs: {} };
  for (const hub of hubs) {
    answer.hubs[hub] = results[hub] ?? {
      status: 'error',
      error: { code: 'hub-error', message: 'the hub client gave no answer for this hub' },
      durationMs: 0,
    };
  }
  const checked = ConsultResponse.safeParse(answer);
  if (!checked.success) {
    deps.logger.event('response-outside-contract', { op: 'consult', paths: checked.error.issues.map((i) => formatIssuePath(i.path)) });
    return sendError(res, 'internal', 'the hub client produced an answer outside the contract');
  }
  ctx.hubs = {};
  for (const hub of hubs) ctx.hubs[hub] = outcomeOf(checked.data.hubs[hub]!);

  // Serialised once: measured against the cap, then sent as is.
  const text = JSON.stringify(checked.data);
  const size = Buffer.byteLength(text);
  if (size > deps.maxResponseBytes) {
    deps.logger.event('response-too-large', { op: 'consult', bytes: size });
    return sendError(res, 'internal', `the hubs' answer is larger than the companion's response cap (${deps.maxResponseBytes} bytes)`);
  }
  return sendJsonText(res, 200, text);
}
