/** The Body payloads of AddVaccinations and RemoveVaccination (constants.ts), as builder trees: every value escaped. */
import type { XmlTree } from '../wss/envelope.ts';
import { MAX_MESSAGES_PER_CALL, VACCINNET_NS } from './constants.ts';

export interface VaccinnetCaller {
  /** `integrator_software` or `integrator_software_organisation`, ≤ 50 characters (checked at start). */
  softwareId: string;
  /** The vaccinator's Vaccinnet id, when the service asks for it. */
  vaccinnetId?: string;
}

const roots = { '@_xmlns:vac': VACCINNET_NS.service, '@_xmlns:msg': VACCINNET_NS.message };

function callerTree(caller: VaccinnetCaller): XmlTree {
  return { 'msg:SoftwareId': caller.softwareId, ...(caller.vaccinnetId !== undefined && { 'msg:VaccinnetId': caller.vaccinnetId }) };
}

export function addVaccinationsBody(caller: VaccinnetCaller, patientInsz: string, kmehrMessages: readonly string[]): XmlTree {
  if (kmehrMessages.length < 1 || kmehrMessages.length > MAX_MESSAGES_PER_CALL) {
    throw new RangeError(`AddVaccinations carries 1 to ${MAX_MESSAGES_PER_CALL} messages`);
  }
  return {
    'vac:AddVaccinationsRequest': {
      ...roots,
      ...callerTree(caller),
      'msg:PatientId': patientInsz,
      'msg:Base64EncodedKmehrmessage': kmehrMessages.map((m) => Buffer.from(m, 'utf8').toString('base64')),
    },
  };
}

export function removeVaccinationBody(caller: VaccinnetCaller, patientInsz: string, vaccinationId: string): XmlTree {
  return {
    'vac:RemoveVaccinationRequest': {
      ...roots,
      ...callerTree(caller),
      'msg:PatientId': patientInsz,
      'msg:VaccinationId': vaccinationId,
    },
  };
}
