import type { ComplianceRule, Finding, FindingOverride } from '@carecast/shared/contracts';
import type { StoredOverride } from './review.types';

/** What ties an override to a finding: the rule, the field and the words found. */
export interface OverrideKey {
  rule: ComplianceRule;
  field: string;
  excerpt: string | null;
}

/**
 * Whether the override lets this finding pass: same rule, same field, same words. An edit that
 * changes the words makes a finding the override no longer matches.
 */
export function overrideMatches(override: OverrideKey, finding: Finding): boolean {
  return (
    override.rule === finding.rule &&
    override.field === finding.field &&
    (override.excerpt ?? null) === (finding.excerpt ?? null)
  );
}

/** The blocking findings that no override lets pass: these stop submitting and approving. */
export function blockingNotOverridden(
  findings: readonly Finding[],
  overrides: readonly OverrideKey[],
): Finding[] {
  return findings.filter((f) => f.severity === 'block' && !overrides.some((o) => overrideMatches(o, f)));
}

/** Whether an override matches one of the post's current blocking findings. */
export function inForce(override: OverrideKey, findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'block' && overrideMatches(override, f));
}

/** An override as the api shows it, with whether it matches one of the post's current blocking findings. */
export const overrideOf = (o: StoredOverride, findings: readonly Finding[]): FindingOverride => ({
  id: o.id,
  rule: o.rule,
  field: o.field,
  excerpt: o.excerpt,
  reason: o.reason,
  reviewer: o.reviewer,
  revision: o.revision,
  createdAt: o.createdAt.toISOString(),
  inForce: inForce(o, findings),
});
