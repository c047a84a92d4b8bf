import type { ComplianceRule, Finding } from '@carecast/shared/contracts';
import { checkContent } from '../lib/check-content';
import type { CheckContext, ContentCheckInput } from '../lib/check-types';

/** The practice the rule tests are written for. */
export const PRACTICE: CheckContext = {
  organisation: {
    name: 'Riverside Family Medicine',
    phones: ['(555) 010-2000', '555-010-2001'],
    emails: ['info@riversidefm.example'],
    addresses: ['120 Oak Street, Suite 200, Springfield, IL 62701'],
    websites: ['https://riversidefm.example', 'https://facebook.com/RiversideFamilyMedicine'],
    staffNames: ['Dr. Maria Lopez', 'Sam Okafor, NP', 'Linda Park'],
  },
  requireSpanishForAlerts: false,
};

export function postInput(text: string, more: Partial<ContentCheckInput> = {}): ContentCheckInput {
  return {
    kind: 'post',
    texts: [{ field: 'base.text', text, channel: null, language: 'en' }],
    media: [],
    link: null,
    ...more,
  };
}

/** The findings of one rule for a plain English post. */
export function findingsOf(rule: ComplianceRule, text: string, ctx: CheckContext = PRACTICE): Finding[] {
  return checkContent(postInput(text), ctx).filter((f) => f.rule === rule);
}

/** What each finding's span covers in `text` (it must agree with the excerpt). */
export function spanned(text: string, findings: Finding[]): string[] {
  return findings.map((f) => {
    if (!f.span) throw new Error(`${f.rule} has no span`);
    const covered = text.slice(f.span.start, f.span.end);
    if (covered !== f.excerpt) throw new Error(`span covers "${covered}" but the excerpt is "${f.excerpt}"`);
    return covered;
  });
}
