import type { Finding } from '@carecast/shared/contracts';

/** At most this many findings of one rule in one field are listed; the rest are counted. */
export const MAX_FINDINGS_PER_RULE_AND_FIELD = 20;

/**
 * The findings with, for each rule and field, the first few kept and the rest counted in one
 * summary finding of the same rule, right after them: a long text with the same problem thousands
 * of times would otherwise send (and store with each decision) thousands of findings. The summary
 * blocks when any finding it counts blocks, so a capped blocking rule still blocks; it has no span
 * (it is about the rest of the text). Apply once, to the findings of one check.
 */
export function capFindings(
  findings: readonly Finding[],
  max: number = MAX_FINDINGS_PER_RULE_AND_FIELD,
): Finding[] {
  const left = new Map<string, Finding[]>();
  const keyOf = (f: Finding) => `${f.rule}\u0000${f.field}`;
  const counted = new Map<string, number>();
  for (const f of findings) {
    const key = keyOf(f);
    const n = (counted.get(key) ?? 0) + 1;
    counted.set(key, n);
    if (n <= max) continue;
    const rest = left.get(key);
    if (rest) rest.push(f);
    else left.set(key, [f]);
  }
  if (left.size === 0) return [...findings];
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  for (const f of findings) {
    const key = keyOf(f);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > max) continue;
    out.push(f);
    const rest = left.get(key);
    if (n === max && rest) out.push(summaryOf(f, rest, max));
  }
  return out;
}

function summaryOf(last: Finding, rest: readonly Finding[], max: number): Finding {
  return {
    rule: last.rule,
    severity: rest.some((f) => f.severity === 'block') ? 'block' : 'warn',
    message: `…and ${rest.length.toLocaleString('en-US')} more like this in ${last.field} (only the first ${max} are marked).`,
    field: last.field,
    span: null,
    excerpt: null,
    suggestion: rest[0].suggestion,
  };
}
