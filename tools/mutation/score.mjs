// Reads Stryker's JSON report and prints the mutation score per file, then one last line:
//   mutation_score=0.87 killed=… survived=…
// As in Stryker's own score, a mutant that made the tests time out counts as killed, and a
// mutant no test reaches ("no coverage") counts as survived; mutants that do not compile or
// that Stryker ignored count as neither. Exits 1 when the score is below --min (default 0.85).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const reportPath = option('--report', 'reports/mutation/mutation.json');
const min = Number(option('--min', '0.85'));

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
let killed = 0;
let survived = 0;
const rows = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const k = mutants.filter((m) => DETECTED.has(m.status)).length;
  const s = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  killed += k;
  survived += s;
  rows.push({ file: relative(process.cwd(), file) || file, k, s });
  for (const m of mutants.filter((m) => UNDETECTED.has(m.status))) {
    const at = `${m.location.start.line}:${m.location.start.column}`;
    const change = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
    rows.at(-1).survivors = [
      ...(rows.at(-1).survivors ?? []),
      `  ${at} ${m.mutatorName} ${m.status}: ${change}`,
    ];
  }
}

// Rounded down, so the figure never claims more than was measured.
const ratio = (k, s) => (k + s ? Math.floor((k * 100) / (k + s)) / 100 : 1);
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(`${ratio(r.k, r.s).toFixed(2)}  ${r.file}  (killed ${r.k}, survived ${r.s})`);
  if (args.includes('--survivors')) for (const line of r.survivors ?? []) console.log(line);
}
const score = ratio(killed, survived);
console.log(`mutation_score=${score.toFixed(2)} killed=${killed} survived=${survived}`);
if (score < min) process.exitCode = 1;
