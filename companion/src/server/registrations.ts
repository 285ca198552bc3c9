/**
 * The registration operations (same rules as consult: secret, JSON, size,
 * contract; answers checked against the contract before they leave):
 * - `POST /v1/registrations`: RegistrationRequest → 202 RegisterResponse
 *   once the registration is on disk (a resent key → the same record,
 *   `duplicate: true`; the key with another body → 409 `conflict`; an
 *   invalid registration → 400 with every issue, nothing stored);
 * - `POST /v1/registrations/list`: { insz } → 200 RegistrationListResponse;
 * - `POST /v1/registrations/withdraw`: WithdrawRequest → 202 while the
 *   withdrawal is under way, 200 once settled (404 unknown id, 409 key used
 *   for another registration).
 * The log line gets the registration's id, state and destination; never
 * the INSZ (only patientRef).
 */
import {
  RegisterResponse,
  RegistrationListRequest,
  RegistrationListResponse,
  WithdrawRequest,
  WithdrawResponse,
} from '../../../lib/companion/contract.ts';
import { formatIssuePath } from '../config/load.ts';
import type { OutboxRecord } from '../outbox/entries.ts';
import { registrationRecordOf } from '../outbox/record-view.ts';
import { RegistrationEnvelope, type RegistrationService } from '../registration/service.ts';
import { readJsonRequest, type JsonRequestDeps } from './json-request.ts';
import type { CompanionLogger, RegistrationOutcome } from './log.ts';
import type { RequestContext } from './request-context.ts';
import { sendError, sendJson, type Sent } from './respond.ts';

export interface RegistrationDeps extends JsonRequestDeps {
  service: RegistrationService;
  logger: CompanionLogger;
}

function outcomeOf(record: OutboxRecord, extra: Partial<RegistrationOutcome> = {}): RegistrationOutcome {
  return { id: record.id, state: record.state, destination: record.destination, ...(record.hub && { hub: record.hub }), ...extra };
}

function sendChecked<T>(ctx: RequestContext, deps: RegistrationDeps, status: number, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } } }, body: unknown, op: string): Sent {
  const checked = schema.safeParse(body);
  if (!checked.success) {
    deps.logger.event('response-outside-contract', { op, paths: checked.error.issues.map((i) => formatIssuePath(i.path)) });
    return sendError(ctx.res, 'internal', 'the companion produced an answer outside the contract');
  }
  return sendJson(ctx.res, status, checked.data);
}

export async function handleRegister(ctx: RequestContext, deps: RegistrationDeps): Promise<Sent | 'abandoned'> {
  const request = await readJsonRequest(ctx, deps, RegistrationEnvelope);
  if (!request.ok) return request.sent;
  const result = await deps.service.accept(request.value, ctx.signal);
  switch (result.kind) {
    case 'invalid':
      return sendError(ctx.res, 'bad-request', result.message, { issues: result.issues.slice(0, 40) });
    case 'conflict':
      return sendError(ctx.res, 'conflict', 'this idempotency key was already used for a different registration');
    case 'accepted':
      ctx.patientRef = deps.logger.patientRef(result.record.insz);
      ctx.registration = outcomeOf(result.record, { duplicate: result.duplicate });
      return sendChecked(ctx, deps, 202, RegisterResponse, { record: registrationRecordOf(result.record), duplicate: result.duplicate }, 'register');
  }
}

export async function handleRegistrationList(ctx: RequestContext, deps: RegistrationDeps): Promise<Sent | 'abandoned'> {
  const request = await readJsonRequest(ctx, deps, RegistrationListRequest);
  if (!request.ok) return request.sent;
  ctx.patientRef = deps.logger.patientRef(request.value.insz);
  const records = deps.service.list(request.value.insz);
  ctx.registration = { count: records.length };
  return sendChecked(ctx, deps, 200, RegistrationListResponse, { registrations: records.slice(-500).map(registrationRecordOf) }, 'registration-list');
}

export async function handleWithdraw(ctx: RequestContext, deps: RegistrationDeps): Promise<Sent | 'abandoned'> {
  const request = await readJsonRequest(ctx, deps, WithdrawRequest);
  if (!request.ok) return request.sent;
  const result = await deps.service.withdraw(request.value.id, request.value.idempotencyKey);
  if (result.kind === 'not-found') return sendError(ctx.res, 'not-found', 'no registration with this id');
  if (result.kind === 'conflict') return sendError(ctx.res, 'conflict', 'this idempotency key was already used to withdraw another registration');
  ctx.patientRef = deps.logger.patientRef(result.record.insz);
  ctx.registration = outcomeOf(result.record);
  const pending = result.record.withdrawal?.state === 'pending';
  return sendChecked(ctx, deps, pending ? 202 : 200, WithdrawResponse, { record: registrationRecordOf(result.record) }, 'withdraw');
}
