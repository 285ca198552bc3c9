import { describe, expect, it } from 'vitest';
import { registrationFieldRules } from '../../../lib/registration/field-rules.ts';

describe('registrationFieldRules', () => {
  it('covid: lot required, adverse events forbidden, each with the reason to show', () => {
    expect(registrationFieldRules('covid')).toEqual({
      lot: 'required',
      lotReason: 'lot-required-for-covid',
      adverseEvents: 'forbidden',
      adverseEventsReason: 'adverse-events-not-allowed-for-covid',
    });
  });

  it.each(['flu', 'other'] as const)('%s: lot optional, adverse events allowed', (disease) => {
    expect(registrationFieldRules(disease)).toEqual({ lot: 'optional', adverseEvents: 'allowed' });
  });
});
