/**
 * Free text of a registration (names, lot number, adverse events): what a
 * KMEHR message may carry. Text is NFC-normalised and trimmed; lengths count
 * characters (code points), so an emoji counts one. Refused: characters XML
 * 1.0 cannot carry (C0 controls except tab and line breaks, U+FFFE, U+FFFF,
 * unpaired surrogates), C1 controls, and bidirectional overrides/isolates
 * (they make a name display differently from what it is). One-line fields
 * refuse tabs and line breaks too.
 */

export type TextProblem = 'invalid-characters' | 'too-long';

/** Characters refused everywhere. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
/** Tab and line breaks: allowed only in multi-line text. */
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]/;

export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** NFC, trimmed; multi-line text also gets `\n` line ends. */
export function normaliseText(text: string, multiLine: boolean): string {
  const nfc = text.normalize('NFC');
  const lines = multiLine ? nfc.replace(/\r\n?|\u0085|\u2028|\u2029/g, '\n') : nfc;
  return lines.trim();
}

/** The problem with already normalised text, if any. */
export function textProblem(text: string, opts: { maxChars: number; multiLine: boolean }): TextProblem | undefined {
  if (FORBIDDEN.test(text)) return 'invalid-characters';
  if (!opts.multiLine && LINE_BREAKS.test(text)) return 'invalid-characters';
  if (characterCount(text) > opts.maxChars) return 'too-long';
  return undefined;
}
