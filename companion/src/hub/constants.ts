/** Hub services v3 (intrahub) names: namespaces, SOAPActions, code systems (ehealth-auth.md §3.2, domain.md). */
import type { HubId } from '../../../lib/vaccination.ts';

export const HUB_NS = {
  protocol: 'http://www.ehealth.fgov.be/hubservices/protocol/v3',
  core: 'http://www.ehealth.fgov.be/hubservices/core/v3',
  kmehr: 'http://www.ehealth.fgov.be/standards/kmehr/schema/v1',
} as const;

export type HubOperation = 'GetTransactionList' | 'GetTransaction' | 'PutTransaction' | 'RevokeTransaction';

export function soapActionOf(operation: HubOperation): string {
  return `urn:be:fgov:ehealth:intrahub:protocol:v3:${operation}`;
}

/** The hubs' own party numbers (ID-HCPARTY): RSW and RSB (Abrumet). */
export const HUB_PARTY_NUMBERS: Readonly<Record<HubId, string>> = {
  rsw: '1990000035',
  rsb: '1990000728',
};

export const HUB_NAMES: Readonly<Record<HubId, string>> = {
  rsw: 'Réseau Santé Wallon',
  rsb: 'Réseau Santé Bruxellois',
};

/** CD-HCPARTY table version used in request authors (connectors send 1.1). */
export const CD_HCPARTY_SV = '1.1';
export const ID_SV = '1.0';
export const CD_TRANSACTION_SV = '1.0';
export const TRANSACTION_VACCINATION = 'vaccination';
export const ENDUSER_SOFTWARE_SL = 'endusersoftwareinfo';
