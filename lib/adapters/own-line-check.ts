/**
 * The content script's checks of the page's own vaccination lines: the same
 * rules as `IsoDate` and `OwnVaccination` in vaccination.ts (zod), written
 * without zod so the content script stays small and starts fast. The
 * background validates the lines again with the zod schemas when they
 * arrive. test/lib/adapters/own-line-check.test.ts shows both accept the same
 * values and return the same data, and that the lists below match the enums.
 */
import type { OwnVaccination } from '../vaccination.ts';

/** vaccination.ts `OwnVaccination.source`. */
export const OWN_LINE_SOURCES: readonly string[] = ['FarmaFlux', 'PopVax FarmaFlux'];
/** vaccination.ts `Disease`. */
export const DISEASE_VALUES: readonly string[] = ['flu', 'covid', 'other'];
/** vaccination.ts `RegistrationState`. */
export const REGISTRATION_STATE_VALUES: readonly string[] = ['pending', 'sent', 'confirmed', 'rejected', 'withdrawn'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CNK = /^\d{7}$/;

/** `YYYY-MM-DD` that exists (vaccination.ts `IsoDate`). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

function checkRegistration(v: unknown): OwnVaccination['registration'] | null {
  if (v === undefined) return undefined;
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.state !== 'string' || !REGISTRATION_STATE_VALUES.includes(v.state)) return null;
  if (!optionalString(v.reason)) return null;
  const registration: NonNullable<OwnVaccination['registration']> = { id: v.id, state: v.state as NonNullable<OwnVaccination['registration']>['state'] };
  if (v.reason !== undefined) registration.reason = v.reason as string;
  return registration;
}

/** The line when it is a valid `OwnVaccination` (unknown keys dropped), else undefined. Never throws. */
export function checkOwnVaccination(v: unknown): OwnVaccination | undefined {
  if (!isRecord(v)) return undefined;
  if (typeof v.id !== 'string' || v.id.length < 1) return undefined;
  if (typeof v.source !== 'string' || !OWN_LINE_SOURCES.includes(v.source)) return undefined;
  if (!isIsoDate(v.date)) return undefined;
  if (v.cnk !== undefined && (typeof v.cnk !== 'string' || !CNK.test(v.cnk))) return undefined;
  if (!optionalString(v.name) || !optionalString(v.riziv) || !optionalString(v.lot)) return undefined;
  if (v.disease !== undefined && (typeof v.disease !== 'string' || !DISEASE_VALUES.includes(v.disease))) return undefined;
  const registration = checkRegistration(v.registration);
  if (registration === null) return undefined;
  const out: OwnVaccination = { id: v.id, source: v.source as OwnVaccination['source'], date: v.date };
  if (v.cnk !== undefined) out.cnk = v.cnk as string;
  if (v.name !== undefined) out.name = v.name as string;
  if (v.disease !== undefined) out.disease = v.disease as OwnVaccination['disease'];
  if (v.riziv !== undefined) out.riziv = v.riziv as string;
  if (v.lot !== undefined) out.lot = v.lot as string;
  if (registration !== undefined) out.registration = registration;
  return out;
}
