/**
 * Regenerates lib/vaccines/catalog.json from the public Vitalink/evs mapping
 * (vaccincodes.xlsx, sheet 1 exported as CSV). Entries added by hand (any
 * `source` other than the CSV's) are kept as they are.
 *
 *   npx tsx scripts/build-catalog.ts            # write lib/vaccines/catalog.json
 *   npx tsx scripts/build-catalog.ts --check    # exit 1 if the file is out of date
 *   npx tsx scripts/build-catalog.ts --csv other.csv --out /tmp/catalog.json
 *
 * The CSV columns are: CNK, MPPNM (package name), firma, code in Vaccinnet,
 * vaccinatie tegen (disease, Dutch), VACCINNET-OMSCHRIJVING, ATC,
 * vermelding ATC. See lib/vaccines/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCnk } from '../lib/identifiers/cnk.ts';
import { CatalogFile, type CatalogEntry } from '../lib/vaccines/catalog.ts';

export const CSV_SOURCE_KEY = 'vitalink-evs-vaccincodes';
export const CSV_SOURCE_TEXT =
  'Vitalink/evs (github.com/Vitalink/evs @ a9619228), core/src/main/resources/vaccination/vaccincodes.xlsx, ' +
  'sheet 1: CNK to Vaccinnet code to ATC as of about 2020-2021. Public, AGPL-3.0 repository; data only.';
export const MANUAL_SOURCE_KEY = 'manual';
export const MANUAL_SOURCE_TEXT =
  'Added by hand (see lib/vaccines/README.md): each entry must cite where its CNK was read.';

const HEADER = ['CNK', 'MPPNM', 'firma', 'code in Vaccinnet', 'vaccinatie tegen', 'VACCINNET-OMSCHRIJVING', 'ATC', 'vermelding ATC'];

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function diseaseOf(against: string, atc: string | null): CatalogEntry['disease'] {
  const a = against.trim().toLowerCase();
  const byColumn = a === 'griep' ? 'flu' : a === 'covid-19' ? 'covid' : 'other';
  const byAtc = atc?.startsWith('J07BB') ? 'flu' : atc === 'J07BX03' || atc?.startsWith('J07BN') ? 'covid' : undefined;
  if (byAtc !== undefined && byAtc !== byColumn) {
    throw new Error(`CSV row says "${against}" but ATC ${atc} says ${byAtc}`);
  }
  return byColumn;
}

/** `ALPHARIX TETRA 0,5ML SPUITAMP 2020` → `2020-2021`: the year printed on a flu product. */
function seasonOf(name: string, disease: CatalogEntry['disease']): string | null {
  if (disease !== 'flu') return null;
  const m = /\b(19\d{2}|20\d{2})\b/.exec(name);
  return m ? `${m[1]}-${Number(m[1]) + 1}` : null;
}

const blankToNull = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  return t.length > 0 ? t : null;
};

export interface CsvBuildReport {
  entries: CatalogEntry[];
  /** Rows skipped, with why (for the console). */
  skipped: Array<{ row: number; why: string }>;
  /** CNKs kept although their Luhn check digit fails. */
  cnkCheckFailures: string[];
}

/** Turns the CSV into catalog entries (source = the CSV). */
export function entriesFromCsv(csvText: string): CsvBuildReport {
  const rows = parseCsv(csvText.replace(/^\uFEFF/, ''));
  const header = rows[0]?.map((h) => h.trim());
  if (!header || HEADER.some((h, i) => header[i] !== h)) {
    throw new Error(`unexpected CSV header: expected ${HEADER.join(',')}`);
  }
  const entries: CatalogEntry[] = [];
  const skipped: CsvBuildReport['skipped'] = [];
  const cnkCheckFailures: string[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2; // 1-based, after the header
    const [rawCnk, mppnm, firma, code, against, omschrijving, rawAtc] = cells;
    const vaccinnetCode = blankToNull(code);
    const parsedCnk = rawCnk && /\d/.test(rawCnk) ? parseCnk(rawCnk) : undefined;
    const cnk = parsedCnk?.ok ? parsedCnk.value.cnk : null;
    if (parsedCnk && !parsedCnk.ok) {
      skipped.push({ row: rowNumber, why: `CNK "${rawCnk}" is not a CNK (${parsedCnk.reason})` });
      return;
    }
    if (cnk === null && vaccinnetCode === null) {
      if (cells.some((c) => c.trim().length > 0)) skipped.push({ row: rowNumber, why: 'no CNK and no Vaccinnet code' });
      return;
    }
    const key = `${cnk ?? ''}|${(vaccinnetCode ?? '').toUpperCase()}`;
    if (seen.has(key)) {
      skipped.push({ row: rowNumber, why: 'repeats an earlier row' });
      return;
    }
    if (cnk !== null && entries.some((e) => e.cnk === cnk)) {
      throw new Error(`row ${rowNumber}: CNK ${cnk} already used by another product`);
    }
    seen.add(key);
    const atc = blankToNull(rawAtc);
    const disease = diseaseOf(against ?? '', atc);
    const name = blankToNull(mppnm) ?? blankToNull(omschrijving) ?? vaccinnetCode!;
    if (parsedCnk?.ok && !parsedCnk.value.checkDigitValid) cnkCheckFailures.push(parsedCnk.value.cnk);
    entries.push({
      cnk,
      name,
      disease,
      season: seasonOf(name, disease),
      atc,
      vaccinnetCode,
      manufacturer: blankToNull(firma),
      source: CSV_SOURCE_KEY,
    });
  });
  return { entries, skipped, cnkCheckFailures };
}

/**
 * The whole catalog file: the CSV's entries, then every entry of `existing`
 * that did not come from the CSV (hand-added seasons), in their order.
 */
export function buildCatalog(csvText: string, existing?: unknown): CatalogFile {
  const fromCsv = entriesFromCsv(csvText).entries;
  let kept: CatalogEntry[] = [];
  let sources: Record<string, string> = { [CSV_SOURCE_KEY]: CSV_SOURCE_TEXT, [MANUAL_SOURCE_KEY]: MANUAL_SOURCE_TEXT };
  if (existing !== undefined) {
    const parsed = CatalogFile.safeParse(existing);
    if (!parsed.success) throw new Error('the existing catalog is not valid: fix it before regenerating');
    kept = parsed.data.entries.filter((e) => e.source !== CSV_SOURCE_KEY);
    sources = { ...parsed.data.sources, ...sources };
  }
  const file: CatalogFile = {
    version: 1,
    description:
      'Vaccine catalog: CNK / Vaccinnet code → name, disease (flu|covid|other), flu season, ATC. ' +
      'Generated by scripts/build-catalog.ts; see lib/vaccines/README.md before editing.',
    sources,
    entries: [...fromCsv, ...kept],
  };
  const checked = CatalogFile.safeParse(file);
  if (!checked.success) throw new Error(`generated catalog is invalid: ${checked.error.issues[0]?.message ?? ''}`);
  return checked.data;
}

export function serialiseCatalog(file: CatalogFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
/** An unmodified copy of the shared fixtures' CSV, so a clean clone can regenerate the catalog. */
export const DEFAULT_CSV = resolve(here, '../test/fixtures/kmehr/public-kmehr/codes/vaccincodes.sheet1.csv');
export const DEFAULT_OUT = resolve(here, '../lib/vaccines/catalog.json');

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i !== -1 ? argv[i + 1] : undefined;
  };
  const csvPath = resolve(arg('--csv') ?? DEFAULT_CSV);
  const outPath = resolve(arg('--out') ?? DEFAULT_OUT);
  const csv = readFileSync(csvPath, 'utf8');
  let existing: unknown;
  try {
    existing = JSON.parse(readFileSync(outPath, 'utf8'));
  } catch {
    existing = undefined;
  }
  const report = entriesFromCsv(csv);
  const text = serialiseCatalog(buildCatalog(csv, existing));
  if (argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(outPath, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      console.error(`${outPath} is out of date: run npx tsx scripts/build-catalog.ts`);
      return 1;
    }
    console.log(`${outPath} is up to date`);
    return 0;
  }
  writeFileSync(outPath, text);
  console.log(`wrote ${outPath}: ${report.entries.length} entries from the CSV`);
  for (const s of report.skipped) console.log(`  skipped CSV row ${s.row}: ${s.why}`);
  if (report.cnkCheckFailures.length > 0) {
    console.log(`  CNKs kept although their check digit fails: ${report.cnkCheckFailures.join(', ')}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
