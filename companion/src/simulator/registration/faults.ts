/**
 * Fault injection for the simulated registration endpoints (tests, demos):
 * a list of steps applied to successive calls of one kind, in arrival order,
 * across RSW, RSB and Vaccinnet; calls after the list behave normally.
 *
 *   { "put":    [{ "action": "fail", "times": 2 }],                       fail twice, then succeed
 *     "revoke": [{ "action": "delay", "delayMs": 5000, "store": "before-delay" }] }
 *
 * - `fail`: a SOAP Server fault, nothing stored (a transient upstream error);
 * - `delay`: wait `delayMs` before answering; `store` says whether the
 *   registration (or revocation) is committed before the wait (the answer is
 *   then lost if the caller dies: the in-doubt case) or after it.
 * `put` covers PutTransaction and AddVaccinations; `revoke` covers
 * RevokeTransaction and RemoveVaccination.
 */
import { z } from 'zod';

export const FaultStep = z
  .object({
    action: z.enum(['fail', 'delay']),
    times: z.number().int().min(1).max(1_000).default(1),
    delayMs: z.number().int().min(0).max(600_000).default(0),
    store: z.enum(['before-delay', 'after-delay']).default('after-delay'),
  })
  .strict();
export type FaultStep = z.infer<typeof FaultStep>;

export const RegistrationFaultPlan = z
  .object({ put: z.array(FaultStep).max(100).default([]), revoke: z.array(FaultStep).max(100).default([]) })
  .strict();
export type RegistrationFaultPlan = z.infer<typeof RegistrationFaultPlan>;
export type RegistrationFaultPlanInput = z.input<typeof RegistrationFaultPlan>;

export type CallKind = 'put' | 'revoke';

export interface FaultDecision {
  fail: boolean;
  delayMs: number;
  storeBeforeDelay: boolean;
}

const NORMAL: FaultDecision = { fail: false, delayMs: 0, storeBeforeDelay: false };

/** Hands out the next step for each call kind. */
export class FaultInjector {
  private readonly queues: Record<CallKind, FaultStep[]>;

  constructor(plan: RegistrationFaultPlanInput = {}) {
    const parsed = RegistrationFaultPlan.parse(plan);
    const expand = (steps: FaultStep[]) => steps.flatMap((s) => Array.from({ length: s.times }, () => s));
    this.queues = { put: expand(parsed.put), revoke: expand(parsed.revoke) };
  }

  next(kind: CallKind): FaultDecision {
    const step = this.queues[kind].shift();
    if (!step) return NORMAL;
    return step.action === 'fail'
      ? { fail: true, delayMs: step.delayMs, storeBeforeDelay: false }
      : { fail: false, delayMs: step.delayMs, storeBeforeDelay: step.store === 'before-delay' };
  }
}
