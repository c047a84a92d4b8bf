import type { Finding } from '@carecast/shared/contracts';
import { checkContent } from './check-content';
import { checkReply } from './check-reply';
import type { CheckContext, ContentCheckInput } from './check-types';
import { capFindings, MAX_FINDINGS_PER_RULE_AND_FIELD } from './text/finding-cap';

const ctx: CheckContext = {
  organisation: {
    name: 'Riverside Family Medicine',
    phones: ['(555) 010-2000'],
    emails: ['info@riversidefm.example'],
    addresses: ['120 Oak Street'],
    websites: ['https://riversidefm.example'],
    staffNames: [],
  },
  requireSpanishForAlerts: false,
};

function post(text: string, extra: ContentCheckInput['texts'] = []): ContentCheckInput {
  return {
    kind: 'post',
    texts: [{ field: 'base.text', text, channel: null, language: 'en' }, ...extra],
    media: [],
    link: null,
  };
}

function phones(n: number, from = 1000): string {
  return Array.from({ length: n }, (_, i) => `Call 555-303-${from + i}.`).join(' ');
}

function finding(over: Partial<Finding>): Finding {
  return {
    rule: 'phi.phone',
    severity: 'warn',
    message: 'm',
    field: 'base.text',
    span: { start: 0, end: 1 },
    excerpt: 'x',
    suggestion: null,
    ...over,
  };
}

describe('findings are capped per rule and field', () => {
  it('a text with thousands of the same problem gives the first ones and one summary of the rest', () => {
    const text = phones(3000);
    const input = post(text);
    const findings = checkContent(input, ctx).filter((f) => f.rule === 'phi.phone');
    expect(findings).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
    const kept = findings.slice(0, MAX_FINDINGS_PER_RULE_AND_FIELD);
    for (const f of kept) {
      expect(f.span).not.toBeNull();
      expect(text.slice(f.span?.start, f.span?.end)).toBe(f.excerpt);
    }
    expect(kept[0].excerpt).toContain('555-303-1000');
    const summary = findings[MAX_FINDINGS_PER_RULE_AND_FIELD];
    expect(summary).toEqual(
      expect.objectContaining({
        rule: 'phi.phone',
        severity: kept[0].severity,
        field: 'base.text',
        span: null,
        excerpt: null,
      }),
    );
    expect(summary.message).toContain(
      `${(3000 - MAX_FINDINGS_PER_RULE_AND_FIELD).toLocaleString('en-US')} more like this`,
    );
  });

  it('counts each field on its own', () => {
    const findings = checkContent(
      post(phones(30), [{ field: 'spanish.text', text: phones(5), channel: null, language: 'es' }]),
      ctx,
    ).filter((f) => f.rule === 'phi.phone');
    expect(findings.filter((f) => f.field === 'base.text')).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
    expect(findings.filter((f) => f.field === 'spanish.text')).toHaveLength(5);
  });

  it('caps replies too', () => {
    const findings = checkReply(phones(100), ctx).filter((f) => f.rule === 'phi.phone');
    expect(findings).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
  });

  it('leaves a list at or under the cap alone', () => {
    const list = Array.from({ length: MAX_FINDINGS_PER_RULE_AND_FIELD }, (_, i) =>
      finding({ span: { start: i, end: i + 1 } }),
    );
    expect(capFindings(list)).toEqual(list);
  });

  it('a blocking finding among those left out makes the summary block', () => {
    const list = [
      ...Array.from({ length: MAX_FINDINGS_PER_RULE_AND_FIELD + 3 }, (_, i) =>
        finding({ severity: 'warn', span: { start: i, end: i + 1 } }),
      ),
      finding({ severity: 'block', span: { start: 99, end: 100 } }),
    ];
    const capped = capFindings(list);
    expect(capped).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
    expect(capped.at(-1)).toEqual(expect.objectContaining({ severity: 'block', span: null }));
    expect(capped.some((f) => f.severity === 'block')).toBe(true);
  });

  it('keeps the order of the list, the summary right after the last one kept of its rule and field', () => {
    const list = [
      ...Array.from({ length: MAX_FINDINGS_PER_RULE_AND_FIELD + 2 }, (_, i) =>
        finding({ span: { start: i, end: i + 1 } }),
      ),
      finding({ rule: 'claims.unsupported', span: { start: 5, end: 9 } }),
    ];
    const capped = capFindings(list);
    expect(capped.map((f) => f.rule)).toEqual([
      ...Array(MAX_FINDINGS_PER_RULE_AND_FIELD + 1).fill('phi.phone'),
      'claims.unsupported',
    ]);
  });
});
