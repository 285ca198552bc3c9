export { runDoctor } from './run.ts';
export type { DoctorInput } from './run.ts';
export { formatDoctorReport, hasFailure } from './report.ts';
export type { DoctorCheck, CheckStatus } from './report.ts';
export type { KeystoreInspector, KeystoreInspection, KeystoreCertificateFacts } from './keystore-inspector.ts';
export { doctorStrings } from './strings.ts';
export { EXPIRY_WARNING_DAYS } from './checks.ts';
