/**
 * @fileoverview Text from data made safe to print on a terminal: control characters (escape
 * sequences that could clear the screen or rewrite the data check's lines, carriage returns, bells)
 * and bidirectional overrides are shown as `\u{..}` escapes instead of acting.
 */

// Matching control characters is the point here.
/* eslint-disable no-control-regex */
/** C0 and C1 controls and DEL, except tab and line feed; bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same plus tab and line feed, for text that must stay on one line. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

const escape = (c: string) => `\\u{${c.charCodeAt(0).toString(16)}}`;

/** Text with its line breaks and tabs kept and every other control character escaped. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Text on one line: line breaks and tabs from data are escaped too. */
export function printableLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, escape);
}
