import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CheckContext } from './check-types';
import { type LabelledText, checkLabelled, scoreLabelled } from './evaluation/labelled-score';

const DATA = join(__dirname, '../../data');
const rows = (
  parse(readFileSync(join(DATA, 'labelled-texts.csv'), 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >
).map((r): LabelledText => ({
  id: r['id'],
  kind: r['kind'] as 'post' | 'reply',
  text: r['text'],
  phi: r['phi'] === '1' ? 1 : 0,
  guard: r['guard'] === '1' ? 1 : 0,
  notes: r['notes'],
}));
const ctx = JSON.parse(readFileSync(join(DATA, 'labelled-context.json'), 'utf8')) as CheckContext;
/**
 * Batches the checks have been tuned on (data/labelled-batches.json). A fresh held-out batch is
 * committed with its first-run figures before any fix, and joins this list once its misses have
 * been worked on; until then it is scored by the bench but not held to the bar here.
 */
const tuned = new Set(
  (JSON.parse(readFileSync(join(DATA, 'labelled-batches.json'), 'utf8')) as { tuned: string[] }).tuned,
);
/** D001 → D, B1-001 → B1. */
const batchOf = (id: string) => id.replace(/-?\d+$/, '');
const tunedRows = rows.filter((r) => tuned.has(batchOf(r.id)));

describe('the labelled set', () => {
  it('has at least 250 posts and replies, about half of them with identifiers', () => {
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const risky = rows.filter((r) => r.phi === 1 || r.guard === 1).length / rows.length;
    expect(risky).toBeGreaterThan(0.4);
    expect(risky).toBeLessThan(0.6);
    expect(rows.filter((r) => r.id.startsWith('H')).length).toBeGreaterThanOrEqual(40);
  });

  it('names only batches that exist as tuned, and keeps at least 250 tuned rows', () => {
    const batches = new Set(rows.map((r) => batchOf(r.id)));
    for (const b of tuned) expect(batches).toContain(b);
    expect(tunedRows.length).toBeGreaterThanOrEqual(250);
  });

  it('meets the bar on the tuned batches: PHI recall ≥ 0.95 with precision ≥ 0.85, reply-guard recall 1.00', () => {
    const score = scoreLabelled(tunedRows.map((r) => checkLabelled(r, ctx)));
    const misses = score.misses.map((m) => `${m.row.id} ${m.row.text}`);
    expect({
      misses,
      phiRecallOk: score.phiRecall >= 0.95,
      phiPrecisionOk: score.phiPrecision >= 0.85,
    }).toEqual({
      misses: expect.any(Array),
      phiRecallOk: true,
      phiPrecisionOk: true,
    });
    expect(score.guardRecall).toBe(1);
  });

  it('scores a wrong answer as a miss (the scorer can fail)', () => {
    const row: LabelledText = {
      id: 'X',
      kind: 'reply',
      text: 'Thanks for the kind words!',
      phi: 1,
      guard: 1,
      notes: '',
    };
    const score = scoreLabelled([checkLabelled(row, ctx)]);
    expect(score.phiRecall).toBe(0);
    expect(score.guardRecall).toBe(0);
    expect(score.misses).toHaveLength(1);
  });
});
