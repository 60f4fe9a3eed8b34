/**
 * @fileoverview Command-line flags: `--name value` and `--name=value`, positionals kept in order.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string>;
}

const BOOLEAN_FLAGS = new Set(['help', 'allow-skipped', 'quiet', 'copy-sources']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (BOOLEAN_FLAGS.has(name)) flags.set(name, 'true');
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value.`);
        flags.set(name, v);
        i++;
      }
    } else if (a === '-h') flags.set('help', 'true');
    else positionals.push(a);
  }
  return { positionals, flags };
}

/** Refuses flags the command does not know, so a typo is not silently ignored. */
export function checkFlags(args: ParsedArgs, known: string[]): void {
  for (const k of args.flags.keys()) {
    if (!known.includes(k) && k !== 'help') throw new Error(`Unknown option --${k}. Options: ${known.map((x) => '--' + x).join(', ')}.`);
  }
}
