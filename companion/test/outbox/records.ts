/** Accepted registrations for outbox tests (valid against the journal schema). */
import { randomUUID } from 'node:crypto';
import type { AcceptedRegistration } from '../../src/outbox/entries.ts';

export function accepted(overrides: Partial<AcceptedRegistration> = {}): AcceptedRegistration {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    idempotencyKey: randomUUID(),
    requestHash: 'a'.repeat(64),
    insz: '85073003328',
    destination: 'vaccicard',
    hub: 'rsw',
    kmehr: '<kmehrmessage/>',
    kmehrId: `20807092001.${id}`,
    summary: {
      administrationDate: '2026-10-14',
      cnk: '4176053',
      name: 'ALPHARIX',
      disease: 'flu',
      lot: 'AB12',
      quantity: 1,
      vaccinatorRiziv: '20807092001',
      pharmacyNumber: '80000551',
      hasAdverseEvents: false,
    },
    createdAt: '2026-10-14T10:00:00.000Z',
    ...overrides,
  };
}
