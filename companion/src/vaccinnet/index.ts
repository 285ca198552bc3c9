/** Vaccinnet registration (Flanders): AddVaccinations / RemoveVaccination with the softwareID. */
export { createVaccinnetClient, VaccinnetOptionsError, type VaccinnetClient, type VaccinnetClientOptions, type VaccinnetCallResult } from './client.ts';
export { addVaccinationsBody, removeVaccinationBody, type VaccinnetCaller } from './request.ts';
export { parseAddVaccinationsResponse, parseRemoveVaccinationResponse, type VaccinnetAnswer, type VaccinnetResult, type VaccinnetStatus } from './response.ts';
export * from './constants.ts';
