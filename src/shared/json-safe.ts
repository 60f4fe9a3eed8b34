/**
 * @fileoverview The payload rule of `google.script.run`: primitives, null, plain objects and
 * arrays only. A `Date` makes the real call fail and `undefined` in an array turns into null, so
 * both sides check before sending instead of finding out in Apps Script.
 */

/** The path of the first value `google.script.run` would refuse or alter, or null when all pass. */
export function jsonUnsafePath(value: unknown, path = '$'): string | null {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      // NaN and Infinity arrive as null.
      return Number.isFinite(value) ? null : path;
    case 'object':
      break;
    default:
      return path;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${path}[${i}]`;
      const bad = jsonUnsafePath(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return path;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // A missing property and an undefined one are the same thing once serialised.
    if (v === undefined) continue;
    const bad = jsonUnsafePath(v, `${path}.${k}`);
    if (bad) return bad;
  }
  return null;
}

/** Throws a readable error naming the first value that cannot cross `google.script.run`. */
export function assertJsonSafe(value: unknown, what: string): void {
  const bad = jsonUnsafePath(value);
  if (bad) throw new Error(`${what} cannot cross google.script.run: ${bad} is not a string, finite number, boolean, null, plain object or array (a Date must be sent as text).`);
}
