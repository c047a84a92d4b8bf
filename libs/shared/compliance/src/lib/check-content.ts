import type { ChannelKind, ComplianceRule, Finding } from '@carecast/shared/contracts';
import { altTextFindings } from './a11y/alt-text';
import { hashtagFindings } from './a11y/hashtag-case';
import { readabilityFindings } from './a11y/readability';
import { spanishVariantFindings } from './alert/spanish-variant';
import {
  type CheckContext,
  type CheckOptions,
  type ContentCheckInput,
  DEFAULT_MAX_READING_GRADE,
} from './check-types';
import { adviceFindings } from './claims/advice-disclaimer';
import { drugRiskFindings } from './claims/drug-risk';
import { testimonialFindings } from './claims/testimonial';
import { claimFindings } from './claims/unsupported-claims';
import { lengthFindings } from './length/platform-length';
import { organisationDetails } from './phi/organisation-details';
import { phiFindings } from './phi/phi-check';
import { dedupeFindings } from './text/finding';
import { capFindings } from './text/finding-cap';
import { htmlToPlainKeepingOffsets } from './text/plain-text';

/**
 * Every check a post can be given without the network (links are resolved by the server).
 * Pure: the same answer in the browser and on the server. Findings come text by text, in the
 * order of `input.texts`, then images, then what is missing from the post as a whole; at most
 * MAX_FINDINGS_PER_RULE_AND_FIELD of one rule in one field, the rest counted in one more.
 */
export function checkContent(
  input: ContentCheckInput,
  ctx: CheckContext,
  options: CheckOptions = {},
): Finding[] {
  const skip = new Set<ComplianceRule>(options.skipRules ?? []);
  const maxGrade = options.maxReadingGrade ?? DEFAULT_MAX_READING_GRADE;
  const org = organisationDetails(ctx.organisation);
  const disclosures = input.disclosures ?? [];
  const extra = [...disclosures, input.link ?? ''].join('\n');
  const healthAlert = input.kind === 'health_alert';
  const out: Finding[] = [];

  const withText = new Set<ChannelKind>();
  for (const t of input.texts) if (t.channel) withText.add(t.channel);

  for (const t of input.texts) {
    if (!t.text) continue;
    const text = t.format === 'html' ? htmlToPlainKeepingOffsets(t.text) : t.text;
    const field = t.field;
    out.push(...phiFindings({ field, text, reply: false }, org));
    if (!skip.has('claims.unsupported')) out.push(...claimFindings(field, text));
    if (!skip.has('claims.drug_risk'))
      out.push(...drugRiskFindings({ field, text, extra, hasLink: Boolean(input.link) }));
    if (!skip.has('claims.testimonial')) out.push(...testimonialFindings(field, text, extra));
    if (!skip.has('advice.disclaimer')) out.push(...adviceFindings(field, text, extra, healthAlert));
    if (!skip.has('a11y.hashtag_case')) out.push(...hashtagFindings(field, text));
    if (!skip.has('readability.grade') && t.language === 'en')
      out.push(...readabilityFindings(field, text, maxGrade));
    const channels: ChannelKind[] = t.channel
      ? [t.channel]
      : (input.channels ?? []).filter((c) => !withText.has(c));
    for (const channel of channels) {
      out.push(...lengthFindings({ field, text, channel, link: input.link, disclosures }));
    }
  }

  for (const m of input.media) {
    if (m.altText) out.push(...phiFindings({ field: m.field, text: m.altText, reply: false }, org));
  }
  out.push(...altTextFindings(input.media));
  out.push(...spanishVariantFindings(input, ctx));
  return capFindings(dedupeFindings(out.filter((f) => !skip.has(f.rule))));
}
