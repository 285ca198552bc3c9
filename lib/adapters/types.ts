/**
 * A host-page adapter is a small declarative description of one host
 * software's vaccination e-Form: which pages are e-Forms, where the INSZ is,
 * which entry path opened the form, where the badge and the panel go, and how
 * to read the page's own vaccination lines. `read-page.ts` interprets it.
 */
import type { EntryPath } from '../messages.ts';
import type { Disease } from '../vaccination.ts';

/** Where a value is on the page, and how to read it. */
export interface FieldRule {
  selector: string;
  /** `value` of an input, the element's text, or an attribute. */
  read: 'value' | 'text' | { attribute: string };
}

export interface OwnLinesRule {
  /** One element per vaccination (document-wide selector). */
  rows: string;
  /** Attribute of the row holding the host's own id for the registration. */
  idAttribute?: string;
  /** Field selectors are relative to the row. */
  date: FieldRule & { format: 'dd/mm/yyyy' | 'yyyy-mm-dd' };
  source: FieldRule;
  cnk?: FieldRule;
  name?: FieldRule;
  riziv?: FieldRule;
  lot?: FieldRule;
  disease?: FieldRule & { values: Readonly<Record<string, Disease>> };
}

export interface EntryPathRule {
  /** A URL query parameter naming the entry path. */
  urlParam?: { name: string; values: Readonly<Record<string, EntryPath>> };
  /** A page marker attribute naming it (used when the URL does not say). */
  marker?: { selector: string; attribute: string; values: Readonly<Record<string, EntryPath>> };
}

export interface HostAdapter {
  id: string;
  /** Present on every page of the host software: identifies it. */
  platform: string;
  /** Paths of the e-Form pages (other pages of the platform are left alone). */
  formPath: RegExp;
  /** Must be present on an e-Form page; when it is not, the page changed: fail visibly. */
  form: string;
  insz: FieldRule;
  entryPath: EntryPathRule;
  /** The badge goes right after this element (the word "Vaccicard"); floats top right when absent. */
  badgeAnchor: { selector: string; text: string };
  /** The panel goes at the end of this element (right-hand column); floats on the right when absent. */
  panelSlot?: string;
  ownLines?: OwnLinesRule;
}
