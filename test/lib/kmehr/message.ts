/**
 * Small KMEHR message builders for tests: write the message without a
 * namespace, then `withNamespace` turns it into the default-namespace or the
 * `ns2:`-prefixed form.
 */

export type NamespaceStyle = 'none' | 'default' | 'prefixed';

export const KMEHR_NS = 'http://www.ehealth.fgov.be/standards/kmehr/schema/v1';

/** Rewrites a KMEHR message written without a namespace into the given style. */
export function withNamespace(xml: string, style: NamespaceStyle): string {
  const body = xml.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
  if (style === 'none') return body.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  const bare = body.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  if (style === 'default') return bare.replace(/^<kmehrmessage/, `<kmehrmessage xmlns="${KMEHR_NS}"`);
  // Prefix every element (not comments, PIs or CDATA), declare ns2 on the root.
  const prefixed = bare.replace(/<(\/?)([A-Za-z][\w.-]*)/g, '<$1ns2:$2');
  return prefixed.replace(/^<ns2:kmehrmessage/, `<ns2:kmehrmessage xmlns:ns2="${KMEHR_NS}"`);
}

export interface ItemSpec {
  position?: number;
  cnk?: string;
  name?: string;
  indications?: string[];
  atc?: string[];
  vaccinnetCode?: string;
  /** `null`: no beginmoment at all. */
  date?: string | null;
  /** Raw beginmoment content, instead of `date`. */
  beginmoment?: string;
  lifecycle?: string;
  quantity?: string;
  lot?: string;
  text?: string;
  author?: string;
  /** Raw XML appended inside the item. */
  extra?: string;
  itemType?: string;
}

export function item(spec: ItemSpec = {}): string {
  const contents: string[] = [];
  if (spec.cnk !== undefined || spec.name !== undefined) {
    contents.push(
      `<content><medicinalproduct>${spec.cnk !== undefined ? `<intendedcd S="CD-DRUG-CNK" SV="01-2016">${spec.cnk}</intendedcd>` : ''}` +
        `<intendedname>${spec.name ?? 'UNNAMED'}</intendedname></medicinalproduct></content>`,
    );
  }
  for (const i of spec.indications ?? []) contents.push(`<content><cd S="CD-VACCINEINDICATION" SV="1.0">${i}</cd></content>`);
  for (const a of spec.atc ?? []) contents.push(`<content><cd S="CD-ATC" SV="1.0">${a}</cd></content>`);
  if (spec.vaccinnetCode !== undefined) {
    contents.push(`<content><cd S="LOCAL" SL="VACCINNETCODE" SV="1.0">${spec.vaccinnetCode}</cd></content>`);
  }
  const begin =
    spec.beginmoment !== undefined
      ? `<beginmoment>${spec.beginmoment}</beginmoment>`
      : spec.date === null
        ? ''
        : `<beginmoment><date>${spec.date ?? '2026-10-14'}</date></beginmoment>`;
  return (
    `<item><id S="ID-KMEHR" SV="1.0">${spec.position ?? 1}</id><cd S="CD-ITEM" SV="1.0">${spec.itemType ?? 'vaccine'}</cd>` +
    (spec.author ?? '') +
    contents.join('') +
    (spec.text !== undefined ? `<text L="fr">${spec.text}</text>` : '') +
    begin +
    (spec.lifecycle !== undefined ? `<lifecycle><cd S="CD-LIFECYCLE" SV="1.0">${spec.lifecycle}</cd></lifecycle>` : '') +
    (spec.quantity !== undefined ? `<quantity><decimal>${spec.quantity}</decimal></quantity>` : '') +
    (spec.lot !== undefined ? `<batch>${spec.lot}</batch>` : '') +
    (spec.extra ?? '') +
    `</item>`
  );
}

export const PHARMACIST =
  '<hcparty><id S="ID-HCPARTY" SV="1.0">20807092001</id><cd S="CD-HCPARTY" SV="1.1">perspharmacist</cd>' +
  '<firstname>Marie</firstname><familyname>Exemple</familyname></hcparty>';
export const PHARMACY =
  '<hcparty><id S="ID-HCPARTY" SV="1.0">80000551</id><cd S="CD-HCPARTY" SV="1.1">orgpharmacy</cd><name>Pharmacie du Test</name></hcparty>';
export const RSW_HUB =
  '<hcparty><id S="ID-HCPARTY" SV="1.0">1990000035</id><cd S="CD-HCPARTY" SV="1.1">hub</cd><name>RSW</name></hcparty>';
export const PUBLIC_HEALTH =
  '<hcparty><id S="ID-HCPARTY" SV="1.0">0316380940</id><cd S="CD-HCPARTY" SV="1.1">orgpublichealth</cd><name>AVIQ</name></hcparty>';

export interface TransactionSpec {
  /** Raw `<id>` elements; default one ID-KMEHR and one LOCAL id. */
  ids?: string;
  /** CD-TRANSACTION value; `''` for an empty cd, `null` for no cd at all. */
  type?: string | null;
  date?: string | null;
  author?: string;
  items?: string[];
  /** Raw XML placed after the items (headings, ...). */
  extra?: string;
}

export function transaction(spec: TransactionSpec = {}): string {
  const type =
    spec.type === null ? '' : spec.type === '' ? '<cd S="CD-TRANSACTION" SV="1.0"/>' : `<cd S="CD-TRANSACTION" SV="1.0">${spec.type ?? 'vaccination'}</cd>`;
  return (
    '<transaction>' +
    (spec.ids ?? '<id S="ID-KMEHR" SV="1.0">1</id><id S="LOCAL" SL="RSWID" SV="1.0">TX-1</id>') +
    type +
    (spec.date === null ? '' : `<date>${spec.date ?? '2026-10-15'}</date><time>10:00:00</time>`) +
    `<author>${spec.author ?? PHARMACIST + PHARMACY}</author>` +
    '<iscomplete>true</iscomplete><isvalidated>true</isvalidated>' +
    (spec.items ?? [item()]).join('') +
    (spec.extra ?? '') +
    '</transaction>'
  );
}

export function folder(transactions: string[], patient = '85073003328'): string {
  const id = patient === '' ? '' : `<id S="ID-PATIENT" SV="1.0">${patient}</id>`;
  return (
    `<folder><id S="ID-KMEHR" SV="1.0">1</id><patient>${id}<firstname>Jean</firstname><familyname>Test</familyname>` +
    `<sex><cd S="CD-SEX" SV="1.1">male</cd></sex></patient>${transactions.join('')}</folder>`
  );
}

export function message(folders: string[], style: NamespaceStyle = 'none'): string {
  const xml =
    '<kmehrmessage><header><standard><cd S="CD-STANDARD" SV="1.0">20120701</cd></standard>' +
    '<id S="ID-KMEHR" SV="1.0">1990000035.1</id><date>2026-10-15</date><time>10:00:00</time>' +
    `<sender>${RSW_HUB}</sender><recipient>${PHARMACIST}</recipient></header>${folders.join('')}</kmehrmessage>`;
  return withNamespace(xml, style);
}

/** One patient, one transaction, these items. */
export function simpleMessage(items: string[], tx: TransactionSpec = {}, style: NamespaceStyle = 'none'): string {
  return message([folder([transaction({ ...tx, items })])], style);
}
