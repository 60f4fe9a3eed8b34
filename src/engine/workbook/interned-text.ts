/**
 * @fileoverview Texts read from a workbook, kept once. File readers hand cells over as slices of
 * the text they parsed (V8 keeps a slice of 13 or more characters as a pointer into its parent),
 * so one URL kept from a CSV line keeps the whole file's text alive, and the same URL on 600,000
 * rows is 600,000 strings. The parsed workbook keeps one fresh copy of each repeated text instead:
 * at 600,000 interactions, hundreds of MB less for the rest of the run.
 */

/** V8 copies shorter slices; longer ones point into their parent. */
const SLICE_MIN_LENGTH = 13;

/** A copy of `s` that shares no memory with the text it was cut from. */
export function ownText(s: string): string {
  return s.length < SLICE_MIN_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Returns one shared, fresh copy for every equal text it is given that V8 would keep as a slice.
 * Shorter texts are returned as they are: a lookup per cell costs more time than they weigh.
 */
export function textInterner(): (s: string) => string {
  const kept = new Map<string, string>();
  return (s) => {
    if (s.length < SLICE_MIN_LENGTH) return s;
    let k = kept.get(s);
    if (k === undefined) {
      k = ownText(s);
      kept.set(k, k);
    }
    return k;
  };
}
