/**
 * One KMEHR `item` with CD-ITEM `vaccine` → one VaccinationRecord.
 *
 * Date: `item/beginmoment/date`; when the item has no beginmoment (or an empty
 * date) the transaction date is used (`dateFrom: 'transaction'`). A date that
 * does not exist, or a beginmoment that only gives a year or a month, drops
 * the item with a warning: a date is never made up.
 * Name: the product's `intendedname`, else the catalog's name for its CNK or
 * Vaccinnet product code, else the item's text.
 * Vaccinator and organisation: the item's own author when it names one, else
 * the transaction author (see hcparty.ts).
 */
import { parseCnk } from '../identifiers/cnk.ts';
import { defaultCatalog, findByCnk, type Catalog } from '../vaccines/catalog.ts';
import { classifyVaccine } from '../vaccines/classify.ts';
import { VaccinationRecord, type HubId, type IsoDate, type KmehrId } from '../vaccination.ts';
import { attr, childrenNamed, firstChild, pathFirst, textOf, type XmlElement } from '../xml/tree.ts';
import { CD, ITEM_VACCINE, VACCINNET_CODE_SL } from './codes.ts';
import { parseKmehrDate } from './date.ts';
import { codesOf, readAuthor, type AuthorInfo } from './hcparty.ts';
import { recordId } from './record-id.ts';
import type { KmehrWarning } from './warnings.ts';

export interface ItemContext {
  transactionIds: readonly KmehrId[];
  /** The transaction date when it is usable. */
  transactionDate?: IsoDate;
  /** 1-based position of the item among its transaction's items (document order). */
  itemPosition: number;
  author: AuthorInfo;
  patientInsz?: string;
  hub?: HubId;
  catalog?: Catalog;
  /** 1-based folder and transaction positions, for warnings. */
  folder?: number;
  transaction?: number;
}

export interface ItemResult {
  /** Absent when the item was dropped (then a warning with `dropped: true` says why). */
  record?: VaccinationRecord;
  warnings: KmehrWarning[];
}

/** True for an `item` whose CD-ITEM is `vaccine`. */
export function isVaccineItem(item: XmlElement): boolean {
  return codesOf(item, CD.item).some((v) => v.toLowerCase() === ITEM_VACCINE);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function contentCodes(contents: readonly XmlElement[], system: string): string[] {
  return unique(contents.flatMap((c) => codesOf(c, system)));
}

function vaccinnetCodeOf(contents: readonly XmlElement[]): string | undefined {
  for (const content of contents) {
    for (const cd of childrenNamed(content, 'cd')) {
      if (attr(cd, 'S')?.trim() !== CD.local) continue;
      if (attr(cd, 'SL')?.trim().toUpperCase() !== VACCINNET_CODE_SL) continue;
      const v = textOf(cd);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function medicinalProductOf(contents: readonly XmlElement[]): { rawCnk?: string; name?: string } {
  for (const content of contents) {
    const product = firstChild(content, 'medicinalproduct');
    if (!product) continue;
    const cnkEl = childrenNamed(product, 'intendedcd').find((cd) => attr(cd, 'S')?.trim() === CD.drugCnk);
    const out: { rawCnk?: string; name?: string } = {};
    const rawCnk = textOf(cnkEl);
    if (rawCnk !== undefined) out.rawCnk = rawCnk;
    const name = textOf(firstChild(product, 'intendedname'));
    if (name !== undefined) out.name = name;
    return out;
  }
  return {};
}

function firstText(elements: readonly XmlElement[]): string | undefined {
  for (const el of elements) {
    const t = textOf(el);
    if (t !== undefined) return t;
  }
  return undefined;
}

export function readVaccineItem(item: XmlElement, ctx: ItemContext): ItemResult {
  const warnings: KmehrWarning[] = [];
  const where = { folder: ctx.folder, transaction: ctx.transaction, item: ctx.itemPosition };
  const place = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) as Pick<
    KmehrWarning,
    'folder' | 'transaction' | 'item'
  >;
  const drop = (code: KmehrWarning['code'], reason: string): ItemResult => ({
    warnings: [...warnings, { code, reason, dropped: true, ...place }],
  });

  // Date
  let date: IsoDate;
  let dateFrom: 'item' | 'transaction';
  const begin = firstChild(item, 'beginmoment');
  const beginDate = begin ? parseKmehrDate(textOf(firstChild(begin, 'date'))) : undefined;
  if (beginDate?.ok) {
    date = beginDate.date;
    dateFrom = 'item';
  } else if (beginDate && beginDate.problem === 'invalid') {
    return drop('item-invalid-date', `vaccine item dropped: its beginmoment holds ${beginDate.reason}`);
  } else if (begin && (firstChild(begin, 'year') || firstChild(begin, 'yearmonth'))) {
    return drop('item-imprecise-date', 'vaccine item dropped: its beginmoment gives only a year or a month, not a day');
  } else if (ctx.transactionDate !== undefined) {
    date = ctx.transactionDate;
    dateFrom = 'transaction';
  } else {
    return drop('item-missing-date', 'vaccine item dropped: neither the item nor its transaction has a usable date');
  }

  const catalog = ctx.catalog ?? defaultCatalog;
  const contents = childrenNamed(item, 'content');
  const product = medicinalProductOf(contents);
  let cnk: string | undefined;
  let cnkValid: boolean | undefined;
  if (product.rawCnk !== undefined) {
    const parsed = parseCnk(product.rawCnk);
    if (parsed.ok) {
      cnk = parsed.value.cnk;
      cnkValid = parsed.value.checkDigitValid;
    } else {
      warnings.push({ code: 'cnk-unusable', reason: `the CD-DRUG-CNK code is not a CNK (${parsed.reason})`, dropped: false, ...place });
    }
  }
  const indications = unique([...contentCodes(contents, CD.vaccineIndication), ...contentCodes(contents, CD.vaccine)]);
  const atc = contentCodes(contents, CD.atc);
  const vaccinnetCode = vaccinnetCodeOf(contents);
  const itemText = firstText(childrenNamed(item, 'text')) ?? firstText(contents.flatMap((c) => childrenNamed(c, 'text')));
  const catalogName =
    (cnk !== undefined ? findByCnk(cnk, catalog)?.name : undefined) ??
    (vaccinnetCode?.includes('/') ? catalog.byVaccinnetCode.get(vaccinnetCode.toUpperCase())?.name : undefined);
  const name = product.name ?? catalogName ?? itemText;

  const { disease, classifiedBy } = classifyVaccine(
    { indications, atc, vaccinnetCode, cnk, name: [product.name, itemText].filter(Boolean).join(' ') || undefined },
    catalog,
  );

  let quantity: number | undefined;
  const rawQuantity = textOf(pathFirst(item, 'quantity', 'decimal'));
  if (rawQuantity !== undefined) {
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(rawQuantity)) quantity = Number(rawQuantity);
    else warnings.push({ code: 'quantity-unusable', reason: 'the quantity is not a decimal number', dropped: false, ...place });
  }

  const lifecycle = codesOf(firstChild(item, 'lifecycle'), CD.lifecycle)[0] ?? textOf(pathFirst(item, 'lifecycle', 'cd'));
  const lot = textOf(firstChild(item, 'batch'));

  const itemAuthor = readAuthor(firstChild(item, 'author'), ctx.hub);
  const vaccinator = itemAuthor.vaccinator ?? (itemAuthor.relayedByHub ? undefined : ctx.author.vaccinator);
  const organisation = itemAuthor.organisation ?? ctx.author.organisation;

  const candidate: VaccinationRecord = {
    id: recordId(ctx.transactionIds, ctx.itemPosition, {
      patientInsz: ctx.patientInsz,
      date,
      cnk,
      atc,
      indications,
      vaccinnetCode,
      lot,
      vaccinatorRiziv: vaccinator?.riziv,
    }),
    transactionIds: [...ctx.transactionIds],
    date,
    dateFrom,
    disease,
    classifiedBy,
    atc,
    indications,
  };
  if (ctx.patientInsz !== undefined) candidate.patientInsz = ctx.patientInsz;
  if (ctx.transactionDate !== undefined) candidate.reportedOn = ctx.transactionDate;
  if (cnk !== undefined) candidate.cnk = cnk;
  if (cnkValid !== undefined) candidate.cnkValid = cnkValid;
  if (name !== undefined) candidate.name = name;
  if (vaccinnetCode !== undefined) candidate.vaccinnetCode = vaccinnetCode;
  if (lot !== undefined) candidate.lot = lot;
  if (quantity !== undefined) candidate.quantity = quantity;
  if (lifecycle !== undefined) candidate.lifecycle = lifecycle;
  if (vaccinator !== undefined) candidate.vaccinator = vaccinator;
  if (organisation !== undefined) candidate.organisation = organisation;

  const validated = VaccinationRecord.safeParse(candidate);
  if (!validated.success) {
    const field = validated.error.issues[0]?.path.join('.') || 'record';
    return drop('item-invalid-record', `vaccine item dropped: the record it gives is invalid (${field})`);
  }
  return { record: validated.data, warnings };
}
