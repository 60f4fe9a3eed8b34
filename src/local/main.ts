/**
 * @fileoverview `npm run sidebar`: serves the built sidebar on 127.0.0.1 against a workbook file
 * (or the demo workbook) and writes what each refresh produces to the out dir.
 */
import { resolve } from 'node:path';
import { checkFlags, parseArgs } from '../shared/command-line';
import { DEFAULT_PORT, startLocalSidebar } from './server';

const HELP = `npm run sidebar -- [--workbook PATH] [--out DIR] [--port N] [--timezone TZ] [--currency CODE]

Serves the real sidebar (dist/Sidebar.html) at http://127.0.0.1:PORT/ with a local google.script.run.
  --workbook PATH   an .xlsx file or a folder of CSV tabs (default: the generated demo workbook)
  --out DIR         where refreshes write CSV, campaign-sheets.xlsx, report.html and properties.json
                    (default out/sidebar)
  --port N          default ${DEFAULT_PORT}; 0 picks a free port
  --timezone TZ     IANA time zone of the workbook (default UTC)
  --currency CODE   ISO currency code (default USD)
`;

export async function main(argv: string[]): Promise<number> {
  const say = (m: string) => process.stderr.write(m + '\n');
  let args;
  try {
    args = parseArgs(argv);
    checkFlags(args, ['workbook', 'out', 'port', 'timezone', 'currency']);
  } catch (e) {
    say(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const portText = args.flags.get('port') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    say(`--port must be a port number from 0 to 65535, not "${portText}".`);
    return 2;
  }
  const outDir = resolve(args.flags.get('out') ?? 'out/sidebar');
  try {
    const sidebar = await startLocalSidebar({
      workbookPath: args.flags.get('workbook') ?? args.positionals[0],
      outDir,
      port,
      timeZone: args.flags.get('timezone'),
      currency: args.flags.get('currency'),
    });
    process.stdout.write(`Campaign Sheets sidebar: ${sidebar.url}\nOutputs: ${outDir}\nPress Ctrl+C to stop.\n`);
    const stop = () => {
      // Finishing the write under way, rather than cutting it short, keeps every output whole.
      if (sidebar.local.outputs.status().state === 'writing') say('Finishing the outputs being written (Ctrl+C again stops at once)...');
      void sidebar.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (e) {
    say((e as Error).message);
    return 2;
  }
}
