/**
 * What the compliance checks report. The same pure functions (libs/shared/compliance) run in the
 * browser for instant feedback and on the server, where they are the authority.
 */
export const FINDING_SEVERITIES = ['block', 'warn'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Every rule the checks know, by id (compliance-rules.md sections 1–4). */
export const COMPLIANCE_RULES = [
  'phi.name',
  'phi.date',
  'phi.age',
  'phi.phone',
  'phi.fax',
  'phi.email',
  'phi.ssn',
  'phi.record_number',
  'phi.address',
  'phi.url',
  'phi.ip',
  'reply.patient_relationship',
  'claims.unsupported',
  'claims.drug_risk',
  'claims.testimonial',
  'advice.disclaimer',
  'a11y.alt_text',
  'a11y.hashtag_case',
  'readability.grade',
  'length.x',
  'length.facebook',
  'link.unresolved',
  'link.unchecked',
  'alert.spanish_required',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

/** Half-open character range [start, end) in the text of `field`. */
export interface FindingSpan {
  start: number;
  end: number;
}

export interface Finding {
  rule: ComplianceRule;
  severity: FindingSeverity;
  /** What is wrong, in the user's words. */
  message: string;
  /** Which text it is in, e.g. `base.text`, `variants.x_account.text`, `media.0.altText`, `spanish.text`. */
  field: string;
  /** Where in that text; null for findings about the whole text or a missing part. */
  span: FindingSpan | null;
  /** The words matched (so an override can be tied to them), or null. */
  excerpt: string | null;
  /** How to fix it, e.g. "Write the date without the day, or remove it". */
  suggestion: string | null;
}
