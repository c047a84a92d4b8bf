/**
 * Check an archive of past posts and replies in bulk:
 *
 *   npm run check-content -- <file.csv> [--organisation <practice.json>]
 *
 * The CSV has the columns `id,text` (quoted fields may hold commas and line breaks). Each text is
 * checked as a post and as a public reply (so the reply guard applies); the answer is CSV on
 * standard output: `id,blocked,rules`. The practice's own phones, e-mails, addresses, websites and
 * staff names (JSON like libs/shared/compliance/data/labelled-context.json) are allowed.
 */
import { readFileSync } from 'node:fs';
import { CsvInputError, NO_ORGANISATION, checkCsv, contextFromJson, toCsv } from './check-content-csv';

function main(argv: string[]): number {
  const args = [...argv];
  let organisation: string | null = null;
  const at = args.indexOf('--organisation');
  if (at !== -1) {
    organisation = args[at + 1] ?? null;
    args.splice(at, 2);
  }
  const file = args[0];
  if (!file || args.length > 1 || (at !== -1 && !organisation)) {
    process.stderr.write('usage: npm run check-content -- <file.csv> [--organisation <practice.json>]\n');
    return 2;
  }
  let input: string;
  try {
    input = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`check-content: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  let ctx = NO_ORGANISATION;
  if (organisation) {
    try {
      ctx = contextFromJson(readFileSync(organisation, 'utf8'));
    } catch (err) {
      process.stderr.write(
        `check-content: cannot read the practice's details from ${organisation}: ${(err as Error).message}\n`,
      );
      return 2;
    }
  }
  try {
    process.stdout.write(toCsv(checkCsv(input, ctx)));
    return 0;
  } catch (err) {
    if (err instanceof CsvInputError) {
      process.stderr.write(`check-content: ${file}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
