/**
 * The result of every hardened XML operation: a value, or a typed error with a
 * reason in plain words. Reasons never contain patient data: they name the
 * problem, and at most a position, a tag name or a limit.
 */

export type XmlErrorCode =
  /** The input is bigger than the configured byte cap. */
  | 'too-large'
  /** A `<!DOCTYPE` or `<!ENTITY` declaration (entity expansion and XXE are refused outright). */
  | 'doctype'
  /** Not well-formed XML (with line and column when known). */
  | 'malformed'
  /** Elements nested deeper than the configured cap. */
  | 'too-deep'
  /** More elements than the configured cap. */
  | 'too-many-elements'
  /** Well-formed XML, but not a KMEHR message (or not the expected hub response). */
  | 'not-kmehr'
  /** The expected document, but its content cannot be used (missing or contradictory parts). */
  | 'invalid-content'
  /** Not a string, or empty. */
  | 'empty';

export interface XmlError {
  code: XmlErrorCode;
  reason: string;
}

export type XmlResult<T> = { ok: true; value: T } | { ok: false; error: XmlError };

export function xmlOk<T>(value: T): XmlResult<T> {
  return { ok: true, value };
}

export function xmlFail<T = never>(code: XmlErrorCode, reason: string): XmlResult<T> {
  return { ok: false, error: { code, reason } };
}
