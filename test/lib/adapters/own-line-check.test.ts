import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOwnVaccination, DISEASE_VALUES, isIsoDate, OWN_LINE_SOURCES, REGISTRATION_STATE_VALUES } from '../../../lib/adapters/own-line-check.ts';
import { Disease, IsoDate, OwnVaccination, RegistrationState } from '../../../lib/vaccination.ts';

const viaZod = (raw: unknown) => {
  const r = OwnVaccination.safeParse(raw);
  return r.success ? r.data : undefined;
};

const anything = fc.oneof(fc.constantFrom(undefined, null, 0, '', 'x', true, [], {}), fc.string(), fc.double(), fc.jsonValue());
const dateText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  fc.constantFrom('2026-02-29', '2028-02-29', '1900-02-29', '2000-02-29', '0050-01-01', '2026-1-05', ' 2026-01-05', '2026-01-05\n'),
  anything,
);
const line = fc.record(
  {
    id: fc.oneof(fc.constantFrom('', 'r1', 'FarmaFlux:2026-10-14::0'), anything),
    source: fc.oneof(fc.constantFrom(...OWN_LINE_SOURCES, 'Vaccicard', 'farmaflux'), anything),
    date: dateText,
    cnk: fc.oneof(fc.constantFrom('4176053', '417605', '41760533', '417605a'), anything),
    name: fc.oneof(fc.string(), anything),
    disease: fc.oneof(fc.constantFrom(...DISEASE_VALUES, 'FLU'), anything),
    riziv: fc.oneof(fc.string(), anything),
    lot: fc.oneof(fc.string(), anything),
    registration: fc.oneof(
      fc.record(
        { id: fc.oneof(fc.string(), anything), state: fc.oneof(fc.constantFrom(...REGISTRATION_STATE_VALUES, 'done'), anything), reason: fc.oneof(fc.string(), anything), more: anything },
        { requiredKeys: [] },
      ),
      anything,
    ),
    extra: anything,
  },
  { requiredKeys: ['id', 'source', 'date'] },
);

/** Mostly valid lines, one field at a time possibly wrong, so acceptance is exercised too. */
const nearlyValid = fc.record(
  {
    id: fc.constantFrom('r1', 'FarmaFlux:2026-10-14::0', 'x'),
    source: fc.constantFrom(...OWN_LINE_SOURCES),
    date: fc.constantFrom('2026-10-14', '2024-02-29', '1999-12-31'),
    cnk: fc.constantFrom('4176053', '0000001'),
    name: fc.string(),
    disease: fc.constantFrom(...DISEASE_VALUES),
    riziv: fc.string(),
    lot: fc.string(),
    registration: fc.record({ id: fc.string(), state: fc.constantFrom(...REGISTRATION_STATE_VALUES), reason: fc.string() }, { requiredKeys: ['id', 'state'] }),
    extra: anything,
  },
  { requiredKeys: ['id', 'source', 'date'] },
);

describe('own-line checks: the content script accepts the lines OwnVaccination accepts', () => {
  it('uses the same sources, diseases and registration states as the schemas', () => {
    expect([...OWN_LINE_SOURCES]).toEqual(OwnVaccination.shape.source.options);
    expect([...DISEASE_VALUES]).toEqual(Disease.options);
    expect([...REGISTRATION_STATE_VALUES]).toEqual(RegistrationState.options);
  });

  it('isIsoDate agrees with IsoDate (property)', () => {
    fc.assert(
      fc.property(dateText, (d) => {
        expect(isIsoDate(d)).toBe(IsoDate.safeParse(d).success);
      }),
      { numRuns: 5000 },
    );
  });

  it('checkOwnVaccination agrees with OwnVaccination (property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(line, nearlyValid, anything), (raw) => {
        const lean = checkOwnVaccination(raw);
        expect(lean).toEqual(viaZod(raw));
        if (lean) accepted++;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});
