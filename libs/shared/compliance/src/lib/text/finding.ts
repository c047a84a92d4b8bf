import type { ComplianceRule, Finding, FindingSeverity } from '@carecast/shared/contracts';

/** A finding about the characters [start, end) of `text` (or about the whole text when start is null). */
export function finding(
  rule: ComplianceRule,
  severity: FindingSeverity,
  field: string,
  text: string,
  start: number | null,
  end: number | null,
  message: string,
  suggestion: string | null,
): Finding {
  const span = start === null || end === null ? null : { start, end };
  return {
    rule,
    severity,
    message,
    field,
    span,
    excerpt: span ? text.slice(span.start, span.end) : null,
    suggestion,
  };
}

/** The same finding once: rule, field and span decide. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.field}|${f.span?.start ?? ''}|${f.span?.end ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
