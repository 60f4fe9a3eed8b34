/**
 * @fileoverview Document properties of the local sidebar as a JSON file (`properties.json` in the
 * out dir): a JSON object of strings, with Apps Script's limits (9 KB per value, 500 KB per
 * store, "Quotas for Google Services"), written to a temporary file and renamed so that a crash
 * never leaves half a file. A file that cannot be read as such an object stops every action with
 * a message naming it, and is never written over until the user fixes or moves it.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PropertyPort } from '../server/ports';

/** Apps Script's limits, from "Quotas for Google Services", with the messages it gives. */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

/** A properties file that cannot be used as it is; its message names the file and the way out. */
export class PropertiesFileError extends Error {}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** What is wrong with the parsed file, or null when it is an object of strings. */
function shapeProblem(value: unknown): string | null {
  if (value === null) return 'it holds null, not an object';
  if (Array.isArray(value)) return 'it holds a list, not an object';
  if (typeof value !== 'object') return `it holds ${typeof value === 'string' ? 'a text' : `a ${typeof value}`}, not an object`;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') return `the value of "${k}" is ${v === null ? 'null' : typeof v}, not a text`;
  }
  return null;
}

export interface PropertiesFile extends PropertyPort {
  /** Reads the file again if it changed on disk; throws PropertiesFileError when it is unusable. */
  check(): void;
  readonly file: string;
}

interface Known {
  values: Map<string, string>;
  /** Size and time of the file as last read or written: a difference means someone else changed it. */
  stamp: string;
}

function stampOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

export function propertiesFile(file: string): PropertiesFile {
  let known: Known | null = null;
  let broken: { stamp: string; error: PropertiesFileError } | null = null;
  let tempCount = 0;

  function read(stamp: string): Known {
    if (stamp === 'missing') return { values: new Map(), stamp };
    const refuse = (why: string) =>
      new PropertiesFileError(
        `${file} cannot be used: ${why}. Campaign Sheets keeps its settings, saved reports and dashboards there and will not ` +
          `write over it: fix the file (a JSON object of texts) or move it away, then click Try again.`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw refuse(e instanceof SyntaxError ? `it is not valid JSON (${e.message})` : `it cannot be read (${(e as Error).message})`);
    }
    const problem = shapeProblem(parsed);
    if (problem) throw refuse(problem);
    return { values: new Map(Object.entries(parsed as Record<string, string>)), stamp };
  }

  function current(): Map<string, string> {
    const stamp = stampOf(file);
    if (known && known.stamp === stamp) return known.values;
    if (broken && broken.stamp === stamp) throw broken.error;
    try {
      known = read(stamp);
      broken = null;
      return known.values;
    } catch (e) {
      known = null;
      if (e instanceof PropertiesFileError) broken = { stamp, error: e };
      throw e;
    }
  }

  function save(values: Map<string, string>): void {
    const text = JSON.stringify(Object.fromEntries(values), null, 2) + '\n';
    // A name of our own in the same folder, so the rename is atomic and never crosses devices.
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${++tempCount}.tmp`);
    try {
      writeFileSync(temp, text, 'utf8');
      renameSync(temp, file);
    } catch (e) {
      try {
        unlinkSync(temp);
      } catch {
        /* never written */
      }
      throw e;
    }
    known = { values, stamp: stampOf(file) };
  }

  /** Applies a change to a copy, checks Apps Script's limits, then saves: all or nothing. */
  function change(f: (next: Map<string, string>) => void): void {
    const next = new Map(current());
    f(next);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) {
      throw new Error('You have exceeded the property storage quota. Please remove some properties and try again. (Apps Script keeps at most 500 KB of properties per document.)');
    }
    save(next);
  }

  return {
    file,
    check: () => void current(),
    get: (k) => current().get(k) ?? null,
    set(k, v) {
      const size = bytes(v);
      if (size > PROPERTY_VALUE_MAX_BYTES) {
        throw new Error(`Argument too large: value. Apps Script keeps at most 9 KB per property, and "${k}" would take ${Math.ceil(size / 1024)} KB.`);
      }
      change((next) => next.set(k, v));
    },
    delete: (k) => change((next) => next.delete(k)),
    keys: () => [...current().keys()],
  };
}
