/**
 * SIMULATOR ONLY. The STS's successful answers: a SignChallenge, or the
 * RequestSecurityTokenResponse carrying the issued assertion, which is
 * spliced in as the exact signed text (never rebuilt).
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { NS } from '../../wss/namespaces.ts';
import { WST, WST_NS } from '../../ehealth/ws-trust.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

export function challengeEnvelope(context: string, challenge: string): string {
  return builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': NS.soap11,
      'soapenv:Body': {
        'wst:RequestSecurityTokenResponse': {
          '@_xmlns:wst': WST_NS.wst,
          '@_Context': context,
          'wst:SignChallenge': { 'wst:Challenge': challenge },
        },
      },
    },
  }) as string;
}

export function tokenEnvelope(context: string, assertionXml: string, notBefore: Date, notOnOrAfter: Date): string {
  const marker = `assertion_${randomBytes(8).toString('hex')}`;
  const xml = builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': NS.soap11,
      '@_xmlns:wsu': NS.wsu,
      'soapenv:Body': {
        'wst:RequestSecurityTokenResponseCollection': {
          '@_xmlns:wst': WST_NS.wst,
          'wst:RequestSecurityTokenResponse': {
            '@_Context': context,
            'wst:TokenType': WST.tokenTypeSaml11,
            'wst:RequestedSecurityToken': { [marker]: '' },
            'wst:Lifetime': { 'wsu:Created': notBefore.toISOString(), 'wsu:Expires': notOnOrAfter.toISOString() },
          },
        },
      },
    },
  }) as string;
  const placeholder = `<${marker}/>`;
  const at = xml.indexOf(placeholder);
  return xml.slice(0, at) + assertionXml + xml.slice(at + placeholder.length);
}
