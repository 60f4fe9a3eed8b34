/**
 * @fileoverview Refuses an output folder that could overwrite the workbook: one that is the input
 * folder, lies inside it, or contains an input file. Paths are compared as the file system sees them
 * (symbolic links resolved; case ignored where the file system ignores it, as on macOS and Windows).
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';

export class OutputFolderError extends Error {}

/**
 * Throws when writing into `outDir` could touch `inputPath` (an .xlsx file or a folder of CSV files)
 * or any of `inputFiles`.
 */
export async function checkOutputFolder(outDir: string, inputPath: string, inputFiles: string[]): Promise<void> {
  const out = await realish(resolve(outDir));
  const input = await realish(resolve(inputPath));
  const files = await Promise.all(inputFiles.map((f) => realish(resolve(f))));
  const fold = (await caseInsensitive(out)) || (await caseInsensitive(input)) ? (p: string) => p.toLowerCase() : (p: string) => p;
  const o = fold(out);
  const i = fold(input);
  const inputIsFolder = (await stat(input).catch(() => null))?.isDirectory() ?? false;
  const why = (what: string) =>
    new OutputFolderError(
      `Refusing to write outputs to ${outDir}: ${what}. Choose an output folder outside the workbook's folder, e.g. --out out/report.`,
    );
  if (inputIsFolder && o === i) throw why('it is the workbook\'s folder, and an output could replace a tab\'s CSV file');
  if (inputIsFolder && isInside(o, i)) throw why(`it is inside the workbook's folder ${inputPath}`);
  if (isInside(i, o)) throw why(`it contains the workbook ${inputPath}`);
  for (const [k, f] of files.entries()) {
    if (fold(f) === o || isInside(fold(f), o)) throw why(`it contains the input file ${inputFiles[k]}`);
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`);
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (for new folders). */
async function realish(p: string): Promise<string> {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return join(await realpath(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return p;
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

/** Whether the file system holding `p` ignores case: the same entry answers to another case. */
async function caseInsensitive(p: string): Promise<boolean> {
  let cur = p;
  for (;;) {
    const info = await stat(cur).catch(() => null);
    const name = basename(cur);
    const flipped = name === name.toLowerCase() ? name.toUpperCase() : name.toLowerCase();
    if (info && flipped !== name) {
      const other = await stat(join(dirname(cur), flipped)).catch(() => null);
      return other !== null && other.ino === info.ino && other.dev === info.dev;
    }
    const parent = dirname(cur);
    if (parent === cur) return process.platform === 'win32' || process.platform === 'darwin';
    cur = parent;
  }
}
