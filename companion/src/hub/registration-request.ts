/**
 * The Body payloads of the two registration calls (hubservices_core-3_5.xsd):
 * - PutTransactionRequest: `request` (id, author, date, time) then the KMEHR
 *   message as `core:kmehrmessage`, spliced in verbatim (the builder's
 *   escaping and element order are kept byte for byte);
 * - RevokeTransactionRequest: `request`, then `select` with the patient
 *   (INSS) and the transaction's id.
 * The request author is the same as for the consultation (request.ts).
 */
import { randomBytes } from 'node:crypto';
import type { KmehrId } from '../../../lib/vaccination.ts';
import type { XmlTree } from '../wss/envelope.ts';
import { HUB_NS, ID_SV } from './constants.ts';
import { kmehrAsCoreElement } from './kmehr-embed.ts';
import type { ApplicationParty, PharmacyIdentity } from './options.ts';
import { authorTree, localDateTime, type RequestHeader } from './request.ts';

const rootAttributes = {
  '@_xmlns:protocol': HUB_NS.protocol,
  '@_xmlns:core': HUB_NS.core,
  '@_xmlns:kmehr': HUB_NS.kmehr,
};

function requestTree(header: RequestHeader, pharmacy: PharmacyIdentity, application: ApplicationParty): XmlTree {
  const { date, time } = localDateTime(header.now);
  return {
    'core:id': { '@_S': 'ID-KMEHR', '@_SV': ID_SV, '#text': header.requestId },
    'core:author': authorTree(pharmacy, application),
    'core:date': date,
    'core:time': time,
  };
}

/** A body tree plus raw XML to put in place of marker elements after building (see `spliceRaw`). */
export interface BodyWithSplices {
  body: XmlTree;
  splices: Record<string, string>;
}

export function putTransactionBody(header: RequestHeader, pharmacy: PharmacyIdentity, application: ApplicationParty, kmehrXml: string): BodyWithSplices {
  const marker = `splice_${randomBytes(8).toString('hex')}`;
  return {
    body: {
      'protocol:PutTransactionRequest': {
        ...rootAttributes,
        'core:request': requestTree(header, pharmacy, application),
        [marker]: '',
      },
    },
    splices: { [marker]: kmehrAsCoreElement(kmehrXml) },
  };
}

export function revokeTransactionBody(
  header: RequestHeader,
  pharmacy: PharmacyIdentity,
  application: ApplicationParty,
  patientInsz: string,
  transactionId: KmehrId,
): XmlTree {
  return {
    'protocol:RevokeTransactionRequest': {
      ...rootAttributes,
      'core:request': requestTree(header, pharmacy, application),
      'core:select': {
        'core:patient': { 'core:id': { '@_S': 'INSS', '@_SV': ID_SV, '#text': patientInsz } },
        'core:transaction': {
          'core:id': { '@_S': transactionId.s, ...(transactionId.sl ? { '@_SL': transactionId.sl } : {}), '@_SV': ID_SV, '#text': transactionId.value },
        },
      },
    },
  };
}

/** Replaces each `<marker/>` of `xml` (exactly once each) with its raw XML. */
export function spliceRaw(xml: string, splices: Record<string, string>): string {
  let out = xml;
  for (const [marker, raw] of Object.entries(splices)) {
    const placeholder = `<${marker}/>`;
    const at = out.indexOf(placeholder);
    if (at < 0 || out.indexOf(placeholder, at + 1) >= 0) throw new Error('body splice marker not found exactly once');
    out = out.slice(0, at) + raw + out.slice(at + placeholder.length);
  }
  return out;
}
