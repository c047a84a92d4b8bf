/**
 * How well the compliance checks find patient identifiers and replies that confirm a patient
 * relationship, on the labelled set (libs/shared/compliance/data/labelled-texts.csv), and how
 * fast they run on one core; figures for all rows and per batch (the id without its number:
 * D, E, H, B1, B2…). Which batches the checks were tuned on, and each held-out batch's
 * first-run figures: data/README.md.
 *
 *   npm run bench:compliance                 (BENCH_VERBOSE=1 lists the rows the checks get wrong)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  type CheckContext,
  type LabelledOutcome,
  type LabelledText,
  checkLabelled,
  ruleCounts,
  scoreLabelled,
} from '@carecast/shared/compliance';

const DATA = join(__dirname, '../libs/shared/compliance/data');
const MIN_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);

function load(): { rows: LabelledText[]; ctx: CheckContext; tuned: Set<string> } {
  const records = parse(readFileSync(join(DATA, 'labelled-texts.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const rows = records.map((r) => ({
    id: r['id'],
    kind: r['kind'] as 'post' | 'reply',
    text: r['text'],
    phi: (r['phi'] === '1' ? 1 : 0) as 0 | 1,
    guard: (r['guard'] === '1' ? 1 : 0) as 0 | 1,
    notes: r['notes'] ?? '',
  }));
  const ctx = JSON.parse(readFileSync(join(DATA, 'labelled-context.json'), 'utf8')) as CheckContext;
  const tuned = new Set(
    (JSON.parse(readFileSync(join(DATA, 'labelled-batches.json'), 'utf8')) as { tuned: string[] }).tuned,
  );
  return { rows, ctx, tuned };
}

const f2 = (x: number) => x.toFixed(2);

/** D001 → D, B1-001 → B1. */
const batchOf = (id: string) => id.replace(/-?\d+$/, '');

function report(label: string, outcomes: LabelledOutcome[], status = ''): void {
  const s = scoreLabelled(outcomes);
  const replies = outcomes.filter((o) => o.row.kind === 'reply');
  // False alarms on generic replies: replies labelled safe that the reply guard flags.
  const generic = replies.filter((o) => o.row.guard === 0);
  const alarms = generic.filter((o) => o.guard).length;
  console.log(
    `${label.padEnd(9)} n=${s.n} (replies ${replies.length})  phi precision ${f2(s.phiPrecision)} recall ${f2(s.phiRecall)}  ` +
      `guard precision ${f2(s.guardPrecision)} recall ${f2(s.guardRecall)}  ` +
      `generic replies flagged ${alarms}/${generic.length}${status ? `  (${status})` : ''}`,
  );
}

function main(): void {
  const { rows, ctx, tuned } = load();
  const outcomes = rows.map((r) => checkLabelled(r, ctx));

  console.log('findings per rule (all rows):');
  for (const [rule, count] of [...ruleCounts(outcomes)].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${rule.padEnd(28)} ${count}`);
  }
  report('all', outcomes);
  // One line per batch (D, E, H, B1, B2...: the id without its running number), in the order
  // the batches were written, marked tuned or held out (data/labelled-batches.json; the held-out
  // batches' first-run figures are in data/README.md).
  const batches = [...new Set(rows.map((r) => batchOf(r.id)))];
  for (const batch of batches) {
    report(
      `batch ${batch}`,
      outcomes.filter((o) => batchOf(o.row.id) === batch),
      tuned.has(batch) ? 'tuned' : 'held out',
    );
  }

  const score = scoreLabelled(outcomes);
  if (process.env['BENCH_VERBOSE']) {
    for (const m of score.misses) {
      const got = m.findings.map((f) => `${f.rule}:${f.excerpt ?? ''}`).join(' | ');
      console.log(
        `  MISS ${m.row.id} phi=${m.row.phi}/${m.phi ? 1 : 0} guard=${m.row.guard}/${m.guard ? 1 : 0} ${m.row.text}\n       -> ${got}`,
      );
    }
  }

  // Throughput on one core: the whole set again and again for a few seconds. CPU time is
  // reported too: on a shared machine the wall clock also counts time spent waiting for a core.
  let texts = 0;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    for (const r of rows) checkLabelled(r, ctx);
    texts += rows.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `throughput: ${Math.round(texts / elapsed)} texts/s wall clock, ${Math.round(texts / cpuSeconds)} texts per CPU second ` +
      `(${texts} texts in ${elapsed.toFixed(1)} s, one core)`,
  );
  console.log(
    `phi_precision=${f2(score.phiPrecision)} phi_recall=${f2(score.phiRecall)} guard_recall=${f2(score.guardRecall)} n=${score.n}`,
  );
}

main();
