/**
 * The STS profile as data: which attributes the companion asserts, which
 * designators it asks for, and what each must say in the returned assertion.
 * The built-in pharmacy profile lives in `profiles/pharmacy.json`; a
 * configuration may name another file. Loading validates the file and lists
 * every problem.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
// Part of the code, not a file read at run time: the production bundle carries it.
import builtInProfileJson from './profiles/pharmacy.json';

export const VALUE_SOURCES = ['pharmacistSsin', 'titularSsin', 'pharmacyNumber', 'pharmacistRiziv'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export const REFUSAL_REASONS = ['identity-mismatch', 'not-recognised-pharmacy', 'not-titular', 'titular-riziv-differs', 'attribute-refused'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const AttributeName = z.string().regex(/^urn:[A-Za-z0-9:._-]{1,300}$/, 'an attribute name is a urn: without spaces');

const Expectation = z.union([z.literal('true'), z.literal('present'), z.object({ equals: z.enum(VALUE_SOURCES) }).strict()]);

export const StsProfileSchema = z
  .object({
    $comment: z.string().optional(),
    name: z.string().min(1).max(100),
    asserted: z
      .array(z.object({ name: AttributeName, value: z.enum(VALUE_SOURCES) }).strict())
      .min(1)
      .max(50),
    designators: z
      .array(
        z
          .object({
            name: AttributeName,
            namespace: AttributeName,
            expect: Expectation,
            required: z.boolean().default(true),
            refusal: z.enum(REFUSAL_REASONS).default('attribute-refused'),
          })
          .strict(),
      )
      .max(50),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.designators.forEach((d, i) => {
      const key = `${d.namespace}|${d.name}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['designators', i, 'name'], message: 'this designator is listed twice' });
      seen.add(key);
    });
  });

export type StsProfile = z.output<typeof StsProfileSchema>;
export type StsDesignator = StsProfile['designators'][number];

/** The values a profile draws from, taken from the configuration. */
export type ProfileValues = Readonly<Record<ValueSource, string>>;

export class StsProfileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`the STS profile ${file} is not valid:\n- ${problems.join('\n- ')}`);
    this.name = 'StsProfileError';
  }
}

function parseProfileText(text: string, where: string): StsProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new StsProfileError(where, ['not valid JSON']);
  }
  return validateProfile(raw, where);
}

function validateProfile(raw: unknown, where: string): StsProfile {
  const parsed = StsProfileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StsProfileError(
      where,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

let builtIn: StsProfile | undefined;

/** The pharmacy profile shipped with the companion (read once). */
export function builtInPharmacyProfile(): StsProfile {
  builtIn ??= validateProfile(builtInProfileJson, 'profiles/pharmacy.json');
  return builtIn;
}

/** A profile file named in the configuration; throws StsProfileError listing every problem. */
export async function loadStsProfile(file: string): Promise<StsProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new StsProfileError(file, ['the file cannot be read']);
  }
  return parseProfileText(text, file);
}

export interface WsTrustClaim {
  uri: string;
  /** Absent for a requested designator. */
  value?: string;
}

/**
 * The WS-Trust claims of the request: one per asserted attribute (with its
 * value), then one per designator not already asserted (ehealth-auth.md
 * §1.4: only the URI is sent, the namespace is not part of a claim).
 */
export function wsTrustClaims(profile: StsProfile, values: ProfileValues): WsTrustClaim[] {
  const claims: WsTrustClaim[] = profile.asserted.map((a) => ({ uri: a.name, value: values[a.value] }));
  const asserted = new Set(profile.asserted.map((a) => a.name));
  for (const d of profile.designators) {
    if (asserted.has(d.name)) continue;
    asserted.add(d.name);
    claims.push({ uri: d.name });
  }
  return claims;
}
