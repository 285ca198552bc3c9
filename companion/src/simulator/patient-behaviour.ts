/** How a simulated hub treats a patient (patient.json `behaviour`). Pure: shared with the browser-safe synthetic cases. */
import { z } from 'zod';

export const PatientBehaviour = z.enum(['ok', 'no-consent', 'no-relation', 'excluded', 'unknown', 'timeout', 'error', 'malformed']);
export type PatientBehaviour = z.infer<typeof PatientBehaviour>;
