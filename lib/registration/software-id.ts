/**
 * The Vaccinnet softwareID every caller sends (domain.md): `integrator_software`
 * for physicians' software, `integrator_software_organisation` for an
 * organisation, at most 50 characters. Each part: letters, digits, dots and
 * dashes. Checked when the companion starts (its configuration) and wherever
 * a softwareID is built.
 */
import { z } from 'zod';

export const SOFTWARE_ID_MAX_LENGTH = 50;
export const SOFTWARE_ID_PATTERN = /^[A-Za-z0-9.-]+_[A-Za-z0-9.-]+(_[A-Za-z0-9.-]+)?$/;

export type SoftwareIdProblem = 'empty' | 'too-long' | 'bad-shape';

export interface SoftwareIdParts {
  integrator: string;
  software: string;
  /** Present for `integrator_software_organisation`. */
  organisation?: string;
}

export type SoftwareIdResult = { ok: true; value: SoftwareIdParts } | { ok: false; reason: SoftwareIdProblem };

export function parseSoftwareId(value: string): SoftwareIdResult {
  if (value.length === 0) return { ok: false, reason: 'empty' };
  if (value.length > SOFTWARE_ID_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (!SOFTWARE_ID_PATTERN.test(value)) return { ok: false, reason: 'bad-shape' };
  const [integrator, software, organisation] = value.split('_') as [string, string, string | undefined];
  return { ok: true, value: organisation === undefined ? { integrator, software } : { integrator, software, organisation } };
}

/** The softwareID as a zod schema; the message is the problem code (`too-long`, `bad-shape`, `empty`). */
export const SoftwareId = z.string().superRefine((value, ctx) => {
  const r = parseSoftwareId(value);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
});
export type SoftwareId = z.infer<typeof SoftwareId>;
