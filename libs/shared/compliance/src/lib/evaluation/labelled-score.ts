import type { ComplianceRule, Finding } from '@carecast/shared/contracts';
import { checkContent } from '../check-content';
import { checkReply } from '../check-reply';
import type { CheckContext } from '../check-types';

/** One row of the labelled set (data/labelled-texts.csv). */
export interface LabelledText {
  id: string;
  kind: 'post' | 'reply';
  text: string;
  /** 1: the text carries an identifier of a patient. */
  phi: 0 | 1;
  /** 1: a reply that confirms or implies a patient relationship. */
  guard: 0 | 1;
  notes: string;
}

export interface LabelledOutcome {
  row: LabelledText;
  findings: Finding[];
  phi: boolean;
  guard: boolean;
}

export interface LabelledScore {
  n: number;
  phiPrecision: number;
  phiRecall: number;
  guardPrecision: number;
  guardRecall: number;
  /** Rows whose PHI or guard answer disagrees with the label. */
  misses: LabelledOutcome[];
}

/** The checks as they run on a published post (base text, English) or a public reply. */
export function checkLabelled(row: LabelledText, ctx: CheckContext): LabelledOutcome {
  const findings =
    row.kind === 'reply'
      ? checkReply(row.text, ctx)
      : checkContent(
          {
            kind: 'post',
            texts: [{ field: 'base.text', text: row.text, channel: null, language: 'en' }],
            media: [],
            link: null,
          },
          ctx,
        );
  return {
    row,
    findings,
    phi: findings.some((f) => f.rule.startsWith('phi.')),
    guard: findings.some((f) => f.rule === 'reply.patient_relationship'),
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function scoreLabelled(outcomes: LabelledOutcome[]): LabelledScore {
  let phiTp = 0;
  let phiFp = 0;
  let phiFn = 0;
  let guardTp = 0;
  let guardFp = 0;
  let guardFn = 0;
  const misses: LabelledOutcome[] = [];
  for (const o of outcomes) {
    const phiLabel = o.row.phi === 1;
    if (o.phi && phiLabel) phiTp++;
    else if (o.phi) phiFp++;
    else if (phiLabel) phiFn++;
    let guardMiss = false;
    if (o.row.kind === 'reply') {
      const guardLabel = o.row.guard === 1;
      if (o.guard && guardLabel) guardTp++;
      else if (o.guard) guardFp++;
      else if (guardLabel) guardFn++;
      guardMiss = o.guard !== guardLabel;
    }
    if (o.phi !== phiLabel || guardMiss) misses.push(o);
  }
  return {
    n: outcomes.length,
    phiPrecision: ratio(phiTp, phiTp + phiFp),
    phiRecall: ratio(phiTp, phiTp + phiFn),
    guardPrecision: ratio(guardTp, guardTp + guardFp),
    guardRecall: ratio(guardTp, guardTp + guardFn),
    misses,
  };
}

/** How many findings of each rule. */
export function ruleCounts(outcomes: LabelledOutcome[]): Map<ComplianceRule, number> {
  const counts = new Map<ComplianceRule, number>();
  for (const o of outcomes) for (const f of o.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}
