/**
 * What the pharmacist fills in to register an administered vaccination, as a
 * zod schema: the shape and each field's own format, normalised (INSZ and
 * RIZIV numbers to digits, CNK to 7 digits, text NFC and trimmed, empty
 * optional text to absent, quantity default 1). Every error message is a
 * RegistrationIssueReason code.
 *
 * Rules that need today's date, the vaccine catalog or several fields at once
 * (date not in the future, covid lot, CNK check digit unless the catalog knows
 * the product, ...) are in `checkRegistration` (check.ts): always call that,
 * this schema alone does not make a registration acceptable.
 */
import { z } from 'zod';
import { parseCnk } from '../identifiers/cnk.ts';
import { normalizeInsz, parseInsz } from '../identifiers/insz.ts';
import { parseRiziv } from '../identifiers/riziv.ts';
import { LANGS } from '../i18n/translate.ts';
import { Disease, IsoDate } from '../vaccination.ts';
import type { RegistrationIssueReason } from './reasons.ts';
import { normaliseText, textProblem } from './text.ts';

/** Character limits of the free-text fields. */
export const TEXT_LIMITS = {
  personName: 100,
  pharmacyName: 200,
  vaccineName: 200,
  lot: 50,
  adverseEvents: 2000,
} as const;

/** Bounds of `quantity` (doses): greater than 0, at most this, at most QUANTITY_DECIMALS decimals. */
export const QUANTITY_MAX = 10;
export const QUANTITY_DECIMALS = 3;
export const DEFAULT_QUANTITY = 1;

/** The only vaccinator role this product registers (CD-HCPARTY). */
export const VACCINATOR_ROLE = 'perspharmacist';

type Reason = RegistrationIssueReason;

const typeError = (iss: { input?: unknown }): Reason => (iss.input === undefined ? 'required' : 'wrong-type');
const fail = (ctx: z.RefinementCtx, reason: Reason): never => {
  ctx.addIssue({ code: 'custom', message: reason });
  return z.NEVER;
};

function requiredText(maxChars: number) {
  return z.string({ error: typeError }).transform((raw, ctx) => {
    const text = normaliseText(raw, false);
    if (text === '') return fail(ctx, 'required');
    const problem = textProblem(text, { maxChars, multiLine: false });
    return problem ? fail(ctx, problem) : text;
  });
}

/** Absent, null, empty or blank → undefined. */
function optionalText(maxChars: number, multiLine = false) {
  return z
    .string({ error: typeError })
    .nullish()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === null) return undefined;
      const text = normaliseText(raw, multiLine);
      if (text === '') return undefined;
      const problem = textProblem(text, { maxChars, multiLine });
      return problem ? fail(ctx, problem) : text;
    });
}

const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: typeError }).strict();

export const RegistrationInsz = z.string({ error: typeError }).transform((raw, ctx) => {
  const digits = normalizeInsz(raw);
  if (digits === '') return fail(ctx, 'required');
  return parseInsz(digits).ok ? digits : fail(ctx, 'invalid-insz');
});

export const RegistrationDate = z.string({ error: typeError }).transform((raw, ctx) => {
  const s = raw.trim();
  if (s === '') return fail(ctx, 'required');
  return IsoDate.safeParse(s).success ? s : fail(ctx, 'invalid-date');
});

/** Seven digits (left-padded). The check digit is judged by checkRegistration, with the catalog. */
export const RegistrationCnk = z.string({ error: typeError }).transform((raw, ctx) => {
  if (raw.trim() === '') return fail(ctx, 'required');
  const parsed = parseCnk(raw);
  if (!parsed.ok || /^0+$/.test(parsed.value.cnk)) return fail(ctx, 'invalid-cnk');
  return parsed.value.cnk;
});

export const VaccinatorRiziv = z.string({ error: typeError }).transform((raw, ctx) => {
  if (raw.trim() === '') return fail(ctx, 'required');
  const parsed = parseRiziv(raw);
  if (!parsed.ok || parsed.value.kind !== 'provider') return fail(ctx, 'invalid-riziv');
  if (parsed.value.profession !== 'pharmacist') return fail(ctx, 'not-a-pharmacist');
  return parsed.value.number;
});

export const PharmacyNumber = z.string({ error: typeError }).transform((raw, ctx) => {
  if (raw.trim() === '') return fail(ctx, 'required');
  const parsed = parseRiziv(raw);
  return parsed.ok && parsed.value.kind === 'pharmacy' ? parsed.value.number : fail(ctx, 'invalid-pharmacy-number');
});

export const RegistrationQuantity = z
  .number({ error: typeError })
  .nullish()
  .transform((q, ctx) => {
    if (q === undefined || q === null) return DEFAULT_QUANTITY;
    if (!(q > 0)) return fail(ctx, 'quantity-not-positive');
    if (q > QUANTITY_MAX) return fail(ctx, 'quantity-too-large');
    const scale = 10 ** QUANTITY_DECIMALS;
    if (Math.round(q * scale) / scale !== q) return fail(ctx, 'quantity-too-precise');
    return q;
  });

export const RegistrationInput = object({
  patient: object({
    insz: RegistrationInsz,
    /** Optional: the KMEHR patient then carries empty names (the INSZ identifies the patient). */
    firstName: optionalText(TEXT_LIMITS.personName),
    familyName: optionalText(TEXT_LIMITS.personName),
  }),
  /** `YYYY-MM-DD`, the day the vaccine was given. */
  administrationDate: RegistrationDate,
  vaccine: object({
    cnk: RegistrationCnk,
    /** Default: the catalog's name for the CNK. */
    name: optionalText(TEXT_LIMITS.vaccineName),
    /** Default: the catalog's disease for the CNK. */
    disease: z
      .enum(Disease.options, { error: 'not-allowed-value' })
      .nullish()
      .transform((d) => d ?? undefined),
  }),
  lot: optionalText(TEXT_LIMITS.lot),
  quantity: RegistrationQuantity,
  vaccinator: object({
    riziv: VaccinatorRiziv,
    role: z.literal(VACCINATOR_ROLE, { error: 'not-allowed-value' }).default(VACCINATOR_ROLE),
    firstName: requiredText(TEXT_LIMITS.personName),
    familyName: requiredText(TEXT_LIMITS.personName),
  }),
  pharmacy: object({
    number: PharmacyNumber,
    name: requiredText(TEXT_LIMITS.pharmacyName),
  }),
  /** Free text; refused for covid-19. Blank text → absent. */
  adverseEvents: object({
    text: optionalText(TEXT_LIMITS.adverseEvents, true),
    /** Language of the text (KMEHR `text/@L`). */
    language: z.enum(LANGS, { error: (iss) => (iss.input === undefined ? 'required' : 'not-allowed-value') }),
  })
    .nullish()
    .transform((a) => (a?.text === undefined ? undefined : { text: a.text, language: a.language })),
});

/** What a form or a client sends. */
export type RegistrationInput = z.input<typeof RegistrationInput>;
/** The input after its own field checks, normalised (not yet checked against today and the catalog). */
export type RegistrationFields = z.output<typeof RegistrationInput>;
