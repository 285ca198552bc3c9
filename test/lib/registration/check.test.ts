import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegistration, DEFAULT_MAX_AGE_DAYS } from '../../../lib/registration/check.ts';
import { RegistrationInput, TEXT_LIMITS } from '../../../lib/registration/input.ts';
import { RegistrationIssueReason } from '../../../lib/registration/reasons.ts';
import { loadCatalog } from '../../../lib/vaccines/catalog.ts';
import { baseInput, CNK, makeCnk, TODAY, variantArb } from './factory.ts';

type Json = Record<string, unknown>;
/** A copy of the base input with a change at a dotted path (`undefined` deletes). */
function withField(path: string, value: unknown, disease: 'flu' | 'covid' | 'other' = 'flu'): Json {
  const input = structuredClone(baseInput(disease)) as Json;
  const keys = path.split('.');
  let cur = input;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Json;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return input;
}

function issuesOf(input: unknown, today: string | Date = TODAY, opts = {}) {
  const r = checkRegistration(input, today, opts);
  return r.ok ? [] : r.issues;
}

describe('checkRegistration: valid registrations', () => {
  it.each(['flu', 'covid', 'other'] as const)('accepts the base %s registration, with catalog name and disease', (disease) => {
    const r = checkRegistration(baseInput(disease), TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.vaccine.disease).toBe(disease);
    expect(r.value.vaccine.inCatalog).toBe(true);
    expect(r.value.vaccine.name.length).toBeGreaterThan(0);
    expect(r.value.vaccine.atc).toMatch(/^J07/);
  });

  it('normalises identifiers, text and defaults', () => {
    const r = checkRegistration(
      {
        ...baseInput('flu'),
        patient: { insz: ' 85.07.30-033.28 ', firstName: '  Jose\u0301  ', familyName: '' },
        vaccine: { cnk: '417 605-3', name: '  Alpharix  ' },
        lot: '   ',
        quantity: undefined,
        vaccinator: { riziv: '2-08070-92-001', firstName: ' Marie ', familyName: 'Exemple', role: 'perspharmacist' },
        pharmacy: { number: '8-00005-51', name: 'Pharmacie' },
        adverseEvents: { text: ' \r\n ', language: 'fr' },
      },
      TODAY,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        patient: { insz: '85073003328', firstName: 'José' },
        administrationDate: '2026-10-14',
        vaccine: { cnk: '4176053', name: 'Alpharix', disease: 'flu', inCatalog: true, atc: 'J07BB02' },
        quantity: 1,
        vaccinator: { riziv: '20807092001', role: 'perspharmacist', firstName: 'Marie', familyName: 'Exemple' },
        pharmacy: { number: '80000551', name: 'Pharmacie' },
      },
    });
  });

  it('accepts null for optional fields', () => {
    const r = checkRegistration({ ...baseInput('flu'), lot: null, quantity: null, adverseEvents: null }, TODAY);
    expect(r.ok && r.value.lot === undefined && r.value.quantity === 1 && r.value.adverseEvents === undefined).toBe(true);
  });

  it('a CNK the catalog does not know needs a valid check digit, a name and a disease', () => {
    const cnk = makeCnk(123_456);
    const r = checkRegistration(withField('vaccine', { cnk, name: 'Vaccin X', disease: 'other' }), TODAY);
    expect(r).toMatchObject({ ok: true, value: { vaccine: { cnk, name: 'Vaccin X', disease: 'other', inCatalog: false } } });
    if (r.ok) expect(r.value.vaccine.atc).toBeUndefined();
    expect(issuesOf(withField('vaccine', { cnk }))).toEqual([
      { field: 'vaccine.name', reason: 'required' },
      { field: 'vaccine.disease', reason: 'required' },
    ]);
    const badCheck = cnk.slice(0, 6) + String((Number(cnk[6]) + 1) % 10);
    expect(issuesOf(withField('vaccine', { cnk: badCheck, name: 'Vaccin X', disease: 'other' }))).toEqual([
      { field: 'vaccine.cnk', reason: 'cnk-check-digit' },
    ]);
  });

  it('a CNK picked from the catalog is accepted even when it fails its check digit', () => {
    const loaded = loadCatalog({
      version: 1,
      sources: { test: 'test' },
      entries: [
        { cnk: '1234560', name: 'Real product, bad check digit', disease: 'other', season: null, atc: null, vaccinnetCode: null, manufacturer: null, source: 'test' },
      ],
    });
    if (!loaded.ok) throw new Error(loaded.reason);
    const input = withField('vaccine', { cnk: '1234560' });
    expect(checkRegistration(input, TODAY, { catalog: loaded.catalog })).toMatchObject({
      ok: true,
      value: { vaccine: { cnk: '1234560', name: 'Real product, bad check digit', disease: 'other', inCatalog: true } },
    });
    expect(issuesOf(input)).toContainEqual({ field: 'vaccine.cnk', reason: 'cnk-check-digit' });
  });

  it('the dates at both ends of the window are accepted', () => {
    expect(checkRegistration(withField('administrationDate', TODAY), TODAY).ok).toBe(true);
    expect(checkRegistration(withField('administrationDate', '2025-10-15'), TODAY).ok).toBe(true);
    expect(DEFAULT_MAX_AGE_DAYS).toBe(365);
  });

  it('today may be an instant: its Belgian date counts', () => {
    const input = withField('administrationDate', '2026-10-01');
    expect(checkRegistration(input, new Date('2026-09-30T22:30:00Z')).ok).toBe(true);
    expect(issuesOf(input, new Date('2026-09-30T21:59:59Z'))).toEqual([{ field: 'administrationDate', reason: 'date-in-future' }]);
  });

  it('is idempotent: its normalised fields pass again to the same value', () => {
    fc.assert(
      fc.property(variantArb(), ({ input, options }) => {
        const first = checkRegistration(input, options.now);
        if (!first.ok) return false;
        const fields = RegistrationInput.parse(input);
        const again = checkRegistration(fields, options.now);
        expect(again).toEqual(first);
        return true;
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('checkRegistration: covid rules', () => {
  it('refuses a covid vaccination without lot (absent, null or blank)', () => {
    for (const lot of [undefined, null, '', '   ']) {
      expect(issuesOf(withField('lot', lot, 'covid'))).toEqual([{ field: 'lot', reason: 'lot-required-for-covid' }]);
    }
  });

  it('refuses adverse events with a covid vaccination, and reports both rules at once', () => {
    const adverse = { text: 'fièvre', language: 'fr' };
    expect(issuesOf(withField('adverseEvents', adverse, 'covid'))).toEqual([
      { field: 'adverseEvents', reason: 'adverse-events-not-allowed-for-covid' },
    ]);
    const both = withField('adverseEvents', adverse, 'covid');
    delete both.lot;
    expect(issuesOf(both)).toEqual([
      { field: 'lot', reason: 'lot-required-for-covid' },
      { field: 'adverseEvents', reason: 'adverse-events-not-allowed-for-covid' },
    ]);
    // Blank adverse events are no adverse events.
    expect(checkRegistration(withField('adverseEvents', { text: '  ', language: 'fr' }, 'covid'), TODAY).ok).toBe(true);
  });

  it('applies to a covid vaccine the catalog does not know', () => {
    const input = withField('vaccine', { cnk: makeCnk(555_555), name: 'Spikevax 2026', disease: 'covid' }, 'covid');
    delete input.lot;
    expect(issuesOf(input)).toEqual([{ field: 'lot', reason: 'lot-required-for-covid' }]);
  });

  it('the same rules do not apply to flu and other vaccines', () => {
    for (const disease of ['flu', 'other'] as const) {
      const input = withField('adverseEvents', { text: 'rougeur', language: 'fr' }, disease);
      delete input.lot;
      expect(checkRegistration(input, TODAY)).toMatchObject({ ok: true, value: { adverseEvents: { text: 'rougeur', language: 'fr' } } });
    }
  });

  it('a lot that is wrong for another reason is reported once, with that reason', () => {
    expect(issuesOf(withField('lot', 'x'.repeat(TEXT_LIMITS.lot + 1), 'covid'))).toEqual([{ field: 'lot', reason: 'too-long' }]);
  });
});

describe('checkRegistration: refusals, table', () => {
  const cases: Array<[string, Json, string, RegistrationIssueReason, string?]> = [
    ['INSZ with a wrong check', withField('patient.insz', '85073003329'), 'patient.insz', 'invalid-insz'],
    ['INSZ missing', withField('patient.insz', undefined), 'patient.insz', 'required'],
    ['INSZ empty', withField('patient.insz', ' '), 'patient.insz', 'required'],
    ['INSZ as a number', withField('patient.insz', 85073003328), 'patient.insz', 'wrong-type'],
    ['date tomorrow', withField('administrationDate', '2026-10-16'), 'administrationDate', 'date-in-future'],
    ['date 366 days back', withField('administrationDate', '2025-10-14'), 'administrationDate', 'date-too-old'],
    ['date that does not exist', withField('administrationDate', '2026-02-30'), 'administrationDate', 'invalid-date'],
    ['date in another format', withField('administrationDate', '14/10/2026'), 'administrationDate', 'invalid-date'],
    ['CNK with letters', withField('vaccine.cnk', '41760A3'), 'vaccine.cnk', 'invalid-cnk'],
    ['CNK too long', withField('vaccine.cnk', '41760531'), 'vaccine.cnk', 'invalid-cnk'],
    ['CNK zero', withField('vaccine.cnk', '0000000'), 'vaccine.cnk', 'invalid-cnk'],
    ['disease contradicting the catalog', withField('vaccine.disease', 'covid'), 'vaccine.disease', 'disease-conflicts-with-catalog'],
    ['disease not in the list', withField('vaccine.disease', 'measles'), 'vaccine.disease', 'not-allowed-value'],
    ['quantity 0', withField('quantity', 0), 'quantity', 'quantity-not-positive'],
    ['quantity negative', withField('quantity', -1), 'quantity', 'quantity-not-positive'],
    ['quantity too large', withField('quantity', 10.5), 'quantity', 'quantity-too-large'],
    ['quantity with 4 decimals', withField('quantity', 0.0005), 'quantity', 'quantity-too-precise'],
    ['quantity as text', withField('quantity', '1'), 'quantity', 'wrong-type'],
    ['quantity NaN', withField('quantity', Number.NaN), 'quantity', 'wrong-type'],
    ['quantity infinite', withField('quantity', Number.POSITIVE_INFINITY), 'quantity', 'wrong-type'],
    ['vaccinator RIZIV with a wrong check', withField('vaccinator.riziv', '20807093001'), 'vaccinator.riziv', 'invalid-riziv'],
    ['vaccinator RIZIV of a pharmacy', withField('vaccinator.riziv', '80000551'), 'vaccinator.riziv', 'invalid-riziv'],
    ['vaccinator who is a physician', withField('vaccinator.riziv', '10000106999'), 'vaccinator.riziv', 'not-a-pharmacist'],
    ['vaccinator role other than pharmacist', withField('vaccinator.role', 'persphysician'), 'vaccinator.role', 'not-allowed-value'],
    ['vaccinator first name missing', withField('vaccinator.firstName', undefined), 'vaccinator.firstName', 'required'],
    ['vaccinator family name blank', withField('vaccinator.familyName', ' \t '), 'vaccinator.familyName', 'required'],
    ['pharmacy number of a person', withField('pharmacy.number', '20807092001'), 'pharmacy.number', 'invalid-pharmacy-number'],
    ['pharmacy number with a wrong check', withField('pharmacy.number', '80000552'), 'pharmacy.number', 'invalid-pharmacy-number'],
    ['pharmacy name missing', withField('pharmacy.name', undefined), 'pharmacy.name', 'required'],
    ['name with a control character', withField('vaccinator.firstName', 'Ma\u0007rie'), 'vaccinator.firstName', 'invalid-characters'],
    ['name with a line break', withField('pharmacy.name', 'Pharmacie\nCentrale'), 'pharmacy.name', 'invalid-characters'],
    ['lot with a tab', withField('lot', 'AB\t12'), 'lot', 'invalid-characters'],
    ['name with a bidi override', withField('patient.familyName', 'abc\u202Edcba'), 'patient.familyName', 'invalid-characters'],
    ['name with an unpaired surrogate', withField('patient.firstName', 'a\uD800b'), 'patient.firstName', 'invalid-characters'],
    ['name with U+FFFF', withField('patient.firstName', 'a\uFFFFb'), 'patient.firstName', 'invalid-characters'],
    ['name too long', withField('vaccinator.firstName', 'é'.repeat(TEXT_LIMITS.personName + 1)), 'vaccinator.firstName', 'too-long'],
    ['adverse events too long', withField('adverseEvents', { text: 'a'.repeat(TEXT_LIMITS.adverseEvents + 1), language: 'nl' }), 'adverseEvents.text', 'too-long'],
    ['adverse events without language', withField('adverseEvents', { text: 'rougeur' }), 'adverseEvents.language', 'required'],
    ['adverse events in another language', withField('adverseEvents', { text: 'rojez', language: 'es' }), 'adverseEvents.language', 'not-allowed-value'],
    ['an unknown field', withField('comment', 'x'), 'comment', 'unknown-field'],
    ['an unknown nested field', withField('patient.birthDate', '1985-07-30'), 'patient.birthDate', 'unknown-field'],
    ['vaccine missing', withField('vaccine', undefined), 'vaccine', 'required'],
    ['vaccinator not an object', withField('vaccinator', 'Marie'), 'vaccinator', 'wrong-type'],
  ];

  it.each(cases)('%s', (_label, input, field, reason) => {
    expect(issuesOf(input)).toEqual([{ field, reason }]);
  });

  it('a date before the patient was born', () => {
    const input = { ...withField('patient.insz', '17073003384'), administrationDate: '2017-07-29' };
    expect(issuesOf(input, TODAY, { maxAgeDays: 10_000 })).toEqual([{ field: 'administrationDate', reason: 'date-before-birth' }]);
    expect(checkRegistration({ ...input, administrationDate: '2017-07-30' }, TODAY, { maxAgeDays: 10_000 }).ok).toBe(true);
  });

  it('maxAgeDays moves the window', () => {
    const input = withField('administrationDate', '2026-10-05');
    expect(issuesOf(input, TODAY, { maxAgeDays: 9 })).toEqual([{ field: 'administrationDate', reason: 'date-too-old' }]);
    expect(checkRegistration(input, TODAY, { maxAgeDays: 10 }).ok).toBe(true);
  });

  it('text limits count characters, not UTF-16 units', () => {
    expect(checkRegistration(withField('vaccinator.firstName', '😀'.repeat(TEXT_LIMITS.personName)), TODAY).ok).toBe(true);
  });

  it('a name that reads as another disease is refused for a CNK the catalog does not know', () => {
    const cnk = makeCnk(246_810);
    expect(issuesOf(withField('vaccine', { cnk, name: 'Influvac Tetra', disease: 'other' }))).toEqual([
      { field: 'vaccine.disease', reason: 'disease-conflicts-with-name' },
    ]);
    expect(issuesOf(withField('vaccine', { cnk, name: 'Comirnaty', disease: 'flu' }, 'covid'))).toEqual([
      { field: 'vaccine.disease', reason: 'disease-conflicts-with-name' },
    ]);
    // Not flu: Haemophilus influenzae.
    expect(checkRegistration(withField('vaccine', { cnk, name: 'Haemophilus influenzae b', disease: 'other' }), TODAY).ok).toBe(true);
    // The catalog decides for a CNK it knows, whatever the name.
    expect(checkRegistration(withField('vaccine', { cnk: CNK.other, name: 'Influvac' }), TODAY).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const input = {
      ...baseInput('covid'),
      patient: { insz: '123' },
      administrationDate: '2026-12-01',
      lot: undefined,
      quantity: 0,
      pharmacy: { number: 'x', name: '' },
      extra: true,
    };
    expect(issuesOf(input)).toEqual(
      expect.arrayContaining([
        { field: 'patient.insz', reason: 'invalid-insz' },
        { field: 'administrationDate', reason: 'date-in-future' },
        { field: 'lot', reason: 'lot-required-for-covid' },
        { field: 'quantity', reason: 'quantity-not-positive' },
        { field: 'pharmacy.number', reason: 'invalid-pharmacy-number' },
        { field: 'pharmacy.name', reason: 'required' },
        { field: 'extra', reason: 'unknown-field' },
      ]),
    );
    expect(issuesOf(input)).toHaveLength(7);
  });

  it.each([[null], ['text'], [42], [[]]])('input %j is refused as a whole', (input) => {
    expect(issuesOf(input)).toEqual([{ field: '', reason: 'wrong-type' }]);
  });

  it('no input at all is refused as required', () => {
    expect(issuesOf(undefined)).toEqual([{ field: '', reason: 'required' }]);
  });

  it('never throws on arbitrary input, and every issue has a known reason', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = checkRegistration(input, TODAY);
        if (r.ok) return false;
        return r.issues.every((i) => RegistrationIssueReason.safeParse(i.reason).success && typeof i.field === 'string');
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('a bad `today` or option is a programming error', () => {
    expect(() => checkRegistration(baseInput(), '15/10/2026')).toThrow(RangeError);
    expect(() => checkRegistration(baseInput(), TODAY, { maxAgeDays: -1 })).toThrow(RangeError);
  });
});
