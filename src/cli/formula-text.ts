/**
 * @fileoverview Parses a formula as typed on the command line, `MODEL_COMPARISON("revenue", , "2026-01-01")`:
 * a name and arguments that are quoted text, numbers, TRUE/FALSE or blank.
 */
import type { FormulaArg } from '../engine/formulas/arguments';

export interface ParsedFormula {
  name: string;
  args: FormulaArg[];
}

export function parseFormulaText(input: string): ParsedFormula {
  const s = input.trim().replace(/^=/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*)\)\s*$/.exec(s);
  if (!m) throw new Error(`Cannot read the formula "${input}": write it as NAME(arg, ...), e.g. MODEL_COMPARISON("revenue").`);
  const args: FormulaArg[] = [];
  const body = m[2];
  let i = 0;
  const skipSpace = () => { while (i < body.length && /\s/.test(body[i])) i++; };
  if (body.trim() === '') return { name: m[1].toUpperCase(), args };
  for (;;) {
    skipSpace();
    if (body[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= body.length) throw new Error(`Unclosed quote in "${input}".`);
        if (body[i] === '"') {
          if (body[i + 1] === '"') { v += '"'; i += 2; continue; }
          i++;
          break;
        }
        v += body[i++];
      }
      args.push(v);
    } else {
      let j = i;
      while (j < body.length && body[j] !== ',') j++;
      const raw = body.slice(i, j).trim();
      i = j;
      if (raw === '') args.push('');
      else if (/^(TRUE|FALSE)$/i.test(raw)) args.push(raw.toUpperCase() === 'TRUE');
      else if (/^[-+]?\d+(\.\d+)?$/.test(raw)) args.push(Number(raw));
      else throw new Error(`Cannot read the argument ${raw} in "${input}": quote text, e.g. "${raw}".`);
    }
    skipSpace();
    if (i >= body.length) break;
    if (body[i] !== ',') throw new Error(`Expected a comma at "${body.slice(i)}" in "${input}".`);
    i++;
  }
  return { name: m[1].toUpperCase(), args };
}
