/**
 * A logical KMEHR vaccination message with hostile content (impossible,
 * malformed, missing and future dates; empty and whitespace values; garbage
 * CNKs; duplicated transaction ids; a transaction code that quotes the
 * patient), its fast-check generator, its rendering through the XmlWriter,
 * and the oracle: which records the parser must return, in order.
 */
import fc from 'fast-check';
import { luhnCheckDigit } from '../../../lib/identifiers/cnk.ts';
import { el, txt, XmlWriter, type Node, type WriterStyle } from './xml-writer.ts';

/** The day the suite pretends it is (dates after it are "future"). */
export const TODAY = '2026-10-15';

export interface DateSpec {
  /** Text of the date element; undefined: no element at all. */
  raw: string | undefined;
  /** The date the parser must read, when the text is a valid KMEHR date. */
  valid?: string;
  /** The text is present but not a usable date (the item is then dropped). */
  invalid: boolean;
  future: boolean;
}

export interface ItemSpec {
  vaccine: boolean;
  /** `year`: a beginmoment with only a year (dropped as imprecise). */
  shape: 'date' | 'year';
  date: DateSpec;
  cnk: { raw?: string; expected?: string };
  lot: { raw?: string; expected?: string };
  name: string;
  indication: string;
}

export interface TransactionSpec {
  ids: Array<{ s: string; sl?: string; value: string }>;
  /** CD-TRANSACTION text; undefined: no such cd. */
  type: string | undefined;
  date: DateSpec;
  authorRiziv: string;
  items: ItemSpec[];
}

export interface FolderSpec {
  insz: string;
  firstName: string;
  familyName: string;
  transactions: TransactionSpec[];
}

export interface MessageSpec {
  folders: FolderSpec[];
}

/** Valid INSZ and BIS numbers (domain.md) used as patients. */
export const PATIENTS = ['85073003328', '17073003384', '98472899765', '01490700185', '80010112379'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const validDate = fc
  .tuple(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }), fc.constantFrom('', '', 'Z', '+01:00', '-05:00'), fc.constantFrom('', ' ', '\n  '))
  .map(([d, tz, ws]): DateSpec => ({ raw: `${ws}${iso(d)}${tz}${ws}`, valid: iso(d), invalid: false, future: false }));

const futureDate = fc
  .date({ min: new Date(Date.UTC(2026, 9, 16)), max: new Date(Date.UTC(2150, 0, 1)), noInvalidDate: true })
  .map((d): DateSpec => ({ raw: iso(d), valid: iso(d), invalid: false, future: true }));

const impossibleDate = fc
  .constantFrom('2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-10-00', '1899-12-31', '2200-01-01', '0000-00-00', '2026-02-29')
  .map((raw): DateSpec => ({ raw, invalid: true, future: false }));

const malformedDate = fc
  .constantFrom('2026-2-3', '14/10/2026', '2026-10-14T10:00:00', '20261014', 'yesterday', '２０２６-10-14', '2026-10-14 10:00', '-2026-10-14', '2026/10/14')
  .map((raw): DateSpec => ({ raw, invalid: true, future: false }));

const missingDate = fc.constantFrom<DateSpec>(
  { raw: undefined, invalid: false, future: false },
  { raw: '', invalid: false, future: false },
  { raw: '   ', invalid: false, future: false },
  { raw: '\n\t', invalid: false, future: false },
);

export const dateSpec: fc.Arbitrary<DateSpec> = fc.oneof(
  { weight: 6, arbitrary: validDate },
  { weight: 1, arbitrary: futureDate },
  { weight: 1, arbitrary: impossibleDate },
  { weight: 1, arbitrary: malformedDate },
  { weight: 2, arbitrary: missingDate },
);

const cnkSpec = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')).map((six) => ({ raw: six + luhnCheckDigit(six), expected: six + luhnCheckDigit(six) })) },
  // A CNK whose check digit fails is kept (a warning, never a drop).
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')).map((six) => ({ raw: ` ${six}${(Number(luhnCheckDigit(six)) + 1) % 10} `, expected: `${six}${(Number(luhnCheckDigit(six)) + 1) % 10}` })) },
  { weight: 1, arbitrary: fc.constantFrom({ raw: '' }, { raw: '   ' }, {}) },
  { weight: 1, arbitrary: fc.constantFrom({ raw: 'ABCDEFG' }, { raw: 'X1234567' }, { raw: '12345678901' }, { raw: '12 34 56 78' }) },
);

const lotSpec = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Z0-9]{2,10}$/).map((lot) => ({ raw: lot, expected: lot })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z0-9]{2,10}$/).map((lot) => ({ raw: `  ${lot}\n`, expected: lot })) },
  { weight: 1, arbitrary: fc.constantFrom({ raw: '' }, { raw: ' \t ' }, {}) },
  // Text that looks like markup must come back as text.
  { weight: 1, arbitrary: fc.constantFrom({ raw: '<b>&amp;</b>', expected: '<b>&amp;</b>' }, { raw: 'A"B\'C', expected: 'A"B\'C' }, { raw: 'ÉÀ-ü-𝄞', expected: 'ÉÀ-ü-𝄞' }) },
);

/** A name no reason may ever quote (planted patient data). */
export const secretName = (prefix: string) => fc.stringMatching(/^[a-z]{8,12}$/).map((s) => `${prefix}${s}`);

const itemSpec: fc.Arbitrary<ItemSpec> = fc.record({
  vaccine: fc.constant(true),
  shape: fc.constantFrom<'date' | 'year'>('date', 'date', 'date', 'date', 'date', 'year'),
  date: dateSpec,
  cnk: cnkSpec,
  lot: lotSpec,
  name: fc.constantFrom('Influvac Tetra', 'Comirnaty JN.1', 'Vaxigrip 0,5 ml', 'Fluad & co', ''),
  indication: fc.constantFrom('seasonalinfluenza', 'covid19', '', 'tetanus'),
});

const otherItem: fc.Arbitrary<ItemSpec> = itemSpec.map((i) => ({ ...i, vaccine: false }));

const transactionIds: fc.Arbitrary<TransactionSpec['ids']> = fc.oneof(
  fc.stringMatching(/^TX-[0-9]{4}-[0-9]{4}$/).map((v): TransactionSpec['ids'] => [{ s: 'ID-KMEHR', value: '1' }, { s: 'LOCAL', sl: 'RSWID', value: v }]),
  fc.constant<TransactionSpec['ids']>([{ s: 'ID-KMEHR', value: '1' }]),
);

export const transactionSpec = (insz: string): fc.Arbitrary<TransactionSpec> =>
  fc.record({
    ids: transactionIds,
    type: fc.constantFrom<string | undefined>('vaccination', 'vaccination', 'vaccination', 'VACCINATION', ' vaccination ', 'sumehr', '', undefined, insz),
    date: dateSpec,
    authorRiziv: fc.constantFrom('20807092001', '14700250004', '10000106999', '12345678901', ''),
    items: fc.array(fc.oneof({ weight: 4, arbitrary: itemSpec }, { weight: 1, arbitrary: otherItem }), { minLength: 0, maxLength: 4 }),
  });

export const folderSpec: fc.Arbitrary<FolderSpec> = fc
  .record({ insz: fc.constantFrom(...PATIENTS), firstName: secretName('Qf'), familyName: secretName('Qn'), dup: fc.boolean() })
  .chain(({ insz, firstName, familyName, dup }) =>
    fc.array(transactionSpec(insz), { minLength: 1, maxLength: 3 }).map((transactions) => ({
      insz,
      firstName,
      familyName,
      // Duplicated ids: the same transaction twice in the folder.
      transactions: dup && transactions.length > 0 ? [...transactions, transactions[0]!] : transactions,
    })),
  );

export const messageSpec: fc.Arbitrary<MessageSpec> = fc.array(folderSpec, { minLength: 1, maxLength: 2 }).map((folders) => ({ folders }));

// ---- Rendering ---------------------------------------------------------------

/** Every way of writing the same message: namespaces, text encoding, indentation, hostile names. */
export const writerStyle: fc.Arbitrary<WriterStyle> = fc.record({
  ns: fc.constantFrom('default', 'prefixed', 'none', 'mixed', 'undeclared-prefix', 'foreign-uri'),
  text: fc.constantFrom('plain', 'charrefs', 'cdata', 'mixed'),
  indent: fc.boolean(),
  hostileNames: fc.boolean(),
});

function dateNode(name: string, spec: DateSpec): Node[] {
  return spec.raw === undefined ? [] : [txt(name, spec.raw)];
}

function itemNode(item: ItemSpec, index: number): Node {
  const contents: Node[] = [];
  if (item.cnk.raw !== undefined || item.name) {
    const product: Node[] = [];
    if (item.cnk.raw !== undefined) product.push(txt('intendedcd', item.cnk.raw, [['S', 'CD-DRUG-CNK'], ['SV', '01-2016']]));
    if (item.name) product.push(txt('intendedname', item.name));
    contents.push(el('content', undefined, el('medicinalproduct', undefined, ...product)));
  }
  if (item.indication) contents.push(el('content', undefined, txt('cd', item.indication, [['S', 'CD-VACCINEINDICATION'], ['SV', '1.0']])));
  const begin = item.shape === 'year' ? [el('beginmoment', undefined, txt('year', '2026'))] : item.date.raw === undefined ? [] : [el('beginmoment', undefined, ...dateNode('date', item.date))];
  return el(
    'item',
    undefined,
    txt('id', String(index + 1), [['S', 'ID-KMEHR'], ['SV', '1.0']]),
    txt('cd', item.vaccine ? 'vaccine' : 'encounterlocation', [['S', 'CD-ITEM'], ['SV', '1.0']]),
    ...contents,
    ...begin,
    el('lifecycle', undefined, txt('cd', 'administrated', [['S', 'CD-LIFECYCLE'], ['SV', '1.0']])),
    ...(item.lot.raw !== undefined ? [txt('batch', item.lot.raw)] : []),
  );
}

function transactionNode(tx: TransactionSpec): Node {
  return el(
    'transaction',
    undefined,
    ...tx.ids.map((id) => txt('id', id.value, [['S', id.s], ...(id.sl ? ([['SL', id.sl]] as Array<[string, string]>) : []), ['SV', '1.0']])),
    ...(tx.type !== undefined ? [txt('cd', tx.type, [['S', 'CD-TRANSACTION'], ['SV', '1.0']])] : []),
    ...dateNode('date', tx.date),
    el('author', undefined, el('hcparty', undefined, txt('id', tx.authorRiziv, [['S', 'ID-HCPARTY'], ['SV', '1.0']]), txt('cd', 'persnurse', [['S', 'CD-HCPARTY'], ['SV', '1.1']]))),
    txt('iscomplete', 'true'),
    txt('isvalidated', 'true'),
    ...tx.items.map(itemNode),
  );
}

/** The kmehrmessage element tree. */
export function messageNode(spec: MessageSpec): Node {
  return el(
    'kmehrmessage',
    undefined,
    el('header', undefined, el('standard', undefined, txt('cd', '20120701', [['S', 'CD-STANDARD'], ['SV', '1.0']])), txt('id', '1990000035.1', [['S', 'ID-KMEHR'], ['SV', '1.0']]), txt('date', TODAY), txt('time', '09:30:00')),
    ...spec.folders.map((f) =>
      el(
        'folder',
        undefined,
        txt('id', '1', [['S', 'ID-KMEHR'], ['SV', '1.0']]),
        el('patient', undefined, txt('id', f.insz, [['S', 'ID-PATIENT'], ['SV', '1.0']]), txt('firstname', f.firstName), txt('familyname', f.familyName)),
        ...f.transactions.map(transactionNode),
      ),
    ),
  );
}

export function renderMessage(spec: MessageSpec, style: WriterStyle, seed: number): string {
  return new XmlWriter(style, seed).write(messageNode(spec));
}

/** Patient data planted in the message: no reason may quote it. */
export function secretsOf(spec: MessageSpec): string[] {
  return spec.folders.flatMap((f) => [f.insz, f.firstName, f.familyName]);
}

// ---- Oracle ------------------------------------------------------------------

/** The part of a record the oracle predicts. */
export interface ExpectedRecord {
  date: string;
  dateFrom: 'item' | 'transaction';
  cnk?: string;
  lot?: string;
  future: boolean;
}

export interface Expected {
  records: ExpectedRecord[];
  /** Vaccine items dropped one by one (one `item-*` warning each). */
  droppedItems: number;
  /** Transactions of another type whose vaccine items are skipped (one warning each). */
  skippedTransactions: number;
}

const isVaccinationType = (t: string | undefined) => t !== undefined && t.trim().toLowerCase() === 'vaccination';
const isBlank = (t: string | undefined) => t === undefined || t.trim() === '';

export function expectedRecords(spec: MessageSpec): Expected {
  const records: ExpectedRecord[] = [];
  let droppedItems = 0;
  let skippedTransactions = 0;
  for (const folder of spec.folders) {
    for (const tx of folder.transactions) {
      const vaccines = tx.items.filter((i) => i.vaccine);
      if (!isVaccinationType(tx.type)) {
        // An empty or missing CD-TRANSACTION with vaccine items is read as a vaccination.
        if (!isBlank(tx.type)) {
          if (vaccines.length > 0) skippedTransactions++;
          continue;
        }
      }
      for (const item of vaccines) {
        if (item.shape === 'year') {
          droppedItems++;
          continue;
        }
        let date: string | undefined;
        let dateFrom: 'item' | 'transaction' = 'item';
        let future = false;
        if (!isBlank(item.date.raw)) {
          if (item.date.invalid) {
            droppedItems++;
            continue;
          }
          date = item.date.valid;
          future = item.date.future;
        } else if (tx.date.valid !== undefined) {
          date = tx.date.valid;
          dateFrom = 'transaction';
          future = tx.date.future;
        }
        if (date === undefined) {
          droppedItems++;
          continue;
        }
        const record: ExpectedRecord = { date, dateFrom, future };
        if (item.cnk.expected !== undefined) record.cnk = item.cnk.expected;
        if (item.lot.expected !== undefined) record.lot = item.lot.expected;
        records.push(record);
      }
    }
  }
  return { records, droppedItems, skippedTransactions };
}

/** The same shape, read from the parser's records. */
export function observedRecords(records: ReadonlyArray<{ date: string; dateFrom: 'item' | 'transaction'; cnk?: string; lot?: string }>): ExpectedRecord[] {
  return records.map((r) => {
    const out: ExpectedRecord = { date: r.date, dateFrom: r.dateFrom, future: r.date > TODAY };
    if (r.cnk !== undefined) out.cnk = r.cnk;
    if (r.lot !== undefined) out.lot = r.lot;
    return out;
  });
}
