/**
 * A KMEHR message → VaccinationRecords.
 *
 * Every `folder/transaction` whose CD-TRANSACTION is `vaccination` is read,
 * and so is a transaction whose CD-TRANSACTION is empty or missing when it
 * holds vaccine items (the Vaccinnet test message of freehealth-connector has
 * `<cd S="CD-TRANSACTION"/>`): a `transaction-code-empty` warning says so.
 * Each item with CD-ITEM `vaccine` (directly in the transaction or inside
 * its headings) gives one record; cancelled lifecycles are kept with their
 * lifecycle (the merge decides what to show).
 *
 * Vaccine items of other transactions (a sumehr's vaccine list) are NOT
 * turned into records: a summary's vaccine lines are a GP's notes without
 * product, lot or vaccinator, and would show as duplicates of the registered
 * vaccinations. They are counted in a `non-vaccination-transaction` warning
 * (`dropped: true`), so nothing disappears silently.
 */
import { parseInsz } from '../identifiers/insz.ts';
import type { Catalog } from '../vaccines/catalog.ts';
import type { HubId, IsoDate, VaccinationRecord } from '../vaccination.ts';
import { parseXml, type XmlLimits } from '../xml/parse.ts';
import { quotableName } from '../xml/reason-text.ts';
import { xmlFail, xmlOk, type XmlResult } from '../xml/result.ts';
import { childrenNamed, firstChild, textOf, type XmlElement } from '../xml/tree.ts';
import { CD, ID, TRANSACTION_VACCINATION } from './codes.ts';
import { parseKmehrDate } from './date.ts';
import { codesOf, readAuthor, readIds } from './hcparty.ts';
import { isVaccineItem, readVaccineItem } from './item.ts';
import type { KmehrWarning } from './warnings.ts';

export interface KmehrParseOptions {
  /** Byte cap of the message (default 2 MB). */
  maxBytes?: number;
  /** The hub that returned the message: its own party number then counts as a relay in authors. */
  hub?: HubId;
  /** Another vaccine catalog than the bundled one. */
  catalog?: Catalog;
  /** Other structural limits (depth, element count). */
  limits?: Partial<XmlLimits>;
}

export interface KmehrParseResult {
  records: VaccinationRecord[];
  /** The patient of the message, when it names exactly one (kept as given, even when its check fails). */
  patientInsz?: string;
  warnings: KmehrWarning[];
}

/** Parses KMEHR XML text. Never throws: malformed or hostile input gives a typed error. */
export function parseKmehrMessage(xml: string, opts: KmehrParseOptions = {}): XmlResult<KmehrParseResult> {
  const limits: Partial<XmlLimits> = { ...opts.limits };
  if (opts.maxBytes !== undefined) limits.maxBytes = opts.maxBytes;
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) return parsed;
  return parseKmehrElement(parsed.value, opts);
}

/** Reads an already parsed `kmehrmessage` element (e.g. the one inside a GetTransactionResponse). */
export function parseKmehrElement(root: XmlElement, opts: KmehrParseOptions = {}): XmlResult<KmehrParseResult> {
  try {
    return readMessage(root, opts);
  } catch {
    return xmlFail('invalid-content', 'the KMEHR message could not be read');
  }
}

/** `a "sumehr" transaction`; a code that is not a plain name (it could be anything, even the patient's number) is not repeated. */
function transactionTypeWords(type: string): string {
  const name = quotableName(type);
  return name !== undefined ? `a "${name}" transaction` : 'a transaction of another type';
}

/** The patient identifier of a folder: ID-PATIENT, else INSS. */
function patientIdOf(folder: XmlElement): string | undefined {
  const ids = readIds(firstChild(folder, 'patient'));
  return (ids.find((i) => i.s === ID.patient) ?? ids.find((i) => i.s === ID.inss))?.value.replace(/[\s.\-]/g, '');
}

/** Items of a transaction in document order, including those inside (nested) headings. */
function itemsOf(transaction: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const child of el.children) {
      if (child.name === 'item') out.push(child);
      else if (child.name === 'heading') walk(child);
    }
  };
  walk(transaction);
  return out;
}

function readMessage(root: XmlElement, opts: KmehrParseOptions): XmlResult<KmehrParseResult> {
  if (root.name !== 'kmehrmessage') {
    const shown = quotableName(root.name);
    return xmlFail('not-kmehr', `the document is not a KMEHR message (root element ${shown !== undefined ? `<${shown}>` : 'of another name'})`);
  }
  const records: VaccinationRecord[] = [];
  const warnings: KmehrWarning[] = [];
  const folders = childrenNamed(root, 'folder');
  if (folders.length === 0) {
    warnings.push({ code: 'no-folder', reason: 'the message has no folder, so no vaccination', dropped: false });
  }
  const patients = new Set<string>();

  folders.forEach((folder, folderIndex) => {
    const folderNo = folderIndex + 1;
    const patientInsz = patientIdOf(folder);
    if (patientInsz === undefined) {
      warnings.push({ code: 'patient-missing', reason: 'a folder has no patient identifier', dropped: false, folder: folderNo });
    } else {
      patients.add(patientInsz);
      const check = parseInsz(patientInsz);
      if (!check.ok) {
        warnings.push({
          code: 'patient-insz-invalid',
          reason: `the patient identifier fails the INSZ check (${check.reason}); kept as given`,
          dropped: false,
          folder: folderNo,
        });
      }
    }

    childrenNamed(folder, 'transaction').forEach((transaction, transactionIndex) => {
      const transactionNo = transactionIndex + 1;
      const place = { folder: folderNo, transaction: transactionNo };
      const items = itemsOf(transaction);
      const vaccineItems = items.filter(isVaccineItem);
      const types = codesOf(transaction, CD.transaction).map((t) => t.toLowerCase());
      const declaredEmpty = types.length === 0;
      if (!types.includes(TRANSACTION_VACCINATION)) {
        if (vaccineItems.length === 0) return;
        if (!declaredEmpty) {
          warnings.push({
            code: 'non-vaccination-transaction',
            reason: `${vaccineItems.length} vaccine item(s) skipped: they are in ${transactionTypeWords(types[0]!)}, not a vaccination`,
            dropped: true,
            ...place,
          });
          return;
        }
        warnings.push({
          code: 'transaction-code-empty',
          reason: 'a transaction with an empty CD-TRANSACTION was read as a vaccination because it holds vaccine items',
          dropped: false,
          ...place,
        });
      }

      const rawDate = textOf(firstChild(transaction, 'date'));
      const txDate = parseKmehrDate(rawDate);
      let transactionDate: IsoDate | undefined;
      if (txDate.ok) transactionDate = txDate.date;
      else if (txDate.problem === 'invalid') {
        warnings.push({ code: 'transaction-invalid-date', reason: `the transaction date is ${txDate.reason}`, dropped: false, ...place });
      }

      const author = readAuthor(firstChild(transaction, 'author'), opts.hub);
      const transactionIds = readIds(transaction);
      items.forEach((item, itemIndex) => {
        if (!isVaccineItem(item)) return;
        const result = readVaccineItem(item, {
          transactionIds,
          transactionDate,
          itemPosition: itemIndex + 1,
          author,
          patientInsz,
          hub: opts.hub,
          catalog: opts.catalog,
          ...place,
        });
        warnings.push(...result.warnings);
        if (result.record) records.push(result.record);
      });
    });
  });

  const result: KmehrParseResult = { records, warnings };
  if (patients.size === 1) result.patientInsz = [...patients][0]!;
  else if (patients.size > 1) {
    warnings.push({
      code: 'several-patients',
      reason: `the message covers ${patients.size} patients; each record carries its own`,
      dropped: false,
    });
  }
  return xmlOk(result);
}
