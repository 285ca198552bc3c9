/**
 * SIMULATOR ONLY. SOAP 1.1 faults of the simulated STS and the fault modes
 * tests switch on (ehealth-auth.md §8 "Simulated STS" point 5). The real
 * STS's fault codes are not published (§9); these use the WS-Security codes.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { NS } from '../../wss/namespaces.ts';

export interface StsFault {
  /** Qualified: `wsse:FailedAuthentication`, `soapenv:Client`, `soapenv:Server`. */
  code: string;
  text: string;
}

export type StsFaultMode =
  | { kind: 'none' }
  /** Every request gets this SOAP fault. */
  | { kind: 'soap-fault'; code?: string; text?: string }
  /** The named attribute is issued with an empty value. */
  | { kind: 'empty-attribute'; attribute: string }
  /** The named certified boolean is issued as `false`. */
  | { kind: 'false-attribute'; attribute: string }
  /** Tokens live this long, whatever was requested. */
  | { kind: 'short-lived'; lifetimeMs: number }
  /** HTTP 503 without a SOAP answer (an outage). */
  | { kind: 'unavailable' };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

export function faultEnvelope(fault: StsFault): string {
  return builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': NS.soap11,
      '@_xmlns:wsse': NS.wsse,
      'soapenv:Body': { 'soapenv:Fault': { faultcode: fault.code, faultstring: fault.text } },
    },
  }) as string;
}

export const fault = {
  client: (text: string): StsFault => ({ code: 'soapenv:Client', text }),
  authentication: (text: string): StsFault => ({ code: 'wsse:FailedAuthentication', text }),
  invalidSecurity: (text: string): StsFault => ({ code: 'wsse:InvalidSecurity', text }),
  expired: (text: string): StsFault => ({ code: 'wsse:MessageExpired', text }),
};
