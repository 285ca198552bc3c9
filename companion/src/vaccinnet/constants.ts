/**
 * Vaccinnet registration web service (RegistratieService for physicians'
 * software, BatchUpload for organisations), version 2.1 messages.
 *
 * Wire facts, all [S]: names and shapes as in the generated classes of a
 * public eHealth connector (taktik/freehealth-connector,
 * `org.taktik.connector.business.vaccinnet`): request elements in
 * `…/VaccinationService/V21`, their children in `…/V21/message`;
 * AddVaccinationsRequest = SoftwareId, VaccinnetId?, PatientId,
 * Base64EncodedKmehrmessage (1 to 5); the answer = Status (Code, Message),
 * PatientId?, Results (KmehrId, Status?, VaccinationId@Source?, Stocked?)
 * per message; RemoveVaccinationRequest = SoftwareId, VaccinnetId?,
 * PatientId, VaccinationId. [U]: the SOAPActions, the endpoint addresses and
 * the status code values. The ones below are this product's assumptions, in
 * one place, to be checked against the Vaccinnet documentation.
 */
export const VACCINNET_NS = {
  service: 'http://www.vaccinnet.be/VaccinnetUPL/wupl/VaccinationService/V21',
  message: 'http://www.vaccinnet.be/VaccinnetUPL/wupl/VaccinationService/V21/message',
} as const;

export type VaccinnetOperation = 'AddVaccinations' | 'RemoveVaccination';

/** [U] SOAPAction per operation. */
export const VACCINNET_SOAP_ACTION: Readonly<Record<VaccinnetOperation, string>> = {
  AddVaccinations: 'AddVaccinations',
  RemoveVaccination: 'RemoveVaccination',
};

/** At most this many KMEHR messages (of one patient) per AddVaccinations. */
export const MAX_MESSAGES_PER_CALL = 5;

/** [U] Status codes meaning success. */
export const SUCCESS_CODES: ReadonlySet<string> = new Set(['0', '200', 'OK']);
/** [U] Status codes meaning "try again later" (the service is busy or failing). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['500', '502', '503', '504']);
/** [U] Status code of RemoveVaccination for a vaccination Vaccinnet does not hold (then there is nothing to remove). */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['404']);

/** How a Vaccinnet VaccinationId is kept as an upstream transaction id. */
export const VACCINATION_ID_SCHEME = 'VACCINNET';
