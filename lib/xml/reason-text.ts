/**
 * What a parser reason may quote from the document: a tag, attribute or code
 * name, only when it holds no digit. Patient, provider and date numbers are
 * digits; a document damaged around the patient's number puts that number
 * where a name is expected, and a reason must never repeat it.
 */

const QUOTABLE_NAME = /^[A-Za-z_][A-Za-z_.:-]{0,39}$/;

/** The name as written when it is safe to quote, else undefined. */
export function quotableName(name: string): string | undefined {
  return QUOTABLE_NAME.test(name) ? name : undefined;
}

/** Replaces every '…'-quoted part of a parser's message that is not a quotable name. */
export function maskQuotedText(message: string): string {
  return message.replace(/'([^']*)'/g, (_all, inner: string) => `'${quotableName(inner) ?? '…'}'`);
}
