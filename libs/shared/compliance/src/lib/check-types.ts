import type { AlertUrgency, ChannelKind, ComplianceRule, PostKind } from '@carecast/shared/contracts';

export type ContentLanguage = 'en' | 'es';

/** One text that would be published: the base text, a channel's variant, a blog body, the Spanish variant... */
export interface ContentCheckText {
  /** Where it lives, reported back in findings, e.g. `base.text`, `variants.x_account.text`, `spanish.text`. */
  field: string;
  text: string;
  /** The platform it goes to (length limits apply per platform); null for the base text. */
  channel: ChannelKind | null;
  language: ContentLanguage;
  /** `html` for a blog body: tags are skipped (spans still point into the original text). Default `plain`. */
  format?: 'plain' | 'html';
}

export interface ContentCheckMedia {
  /** e.g. `media.0.altText`. */
  field: string;
  altText: string | null;
  decorative: boolean;
}

export interface ContentCheckInput {
  kind: PostKind;
  urgency?: AlertUrgency | null;
  texts: ContentCheckText[];
  media: ContentCheckMedia[];
  /** The post's link; published after the text unless the text already contains it (counted on X as a link). */
  link: string | null;
  /**
   * The channels the post goes to. The base text (channel null) is checked against the length
   * limit of each of these that has no text of its own in `texts`.
   */
  channels?: ChannelKind[];
  /**
   * Texts added to every published text when it goes out (a paid-post label, the advice
   * disclaimer added by the practice's settings...). They count toward platform limits and
   * satisfy the disclaimer and risk-information checks.
   */
  disclosures?: string[];
}

/** The practice's own published details: these are allowed in posts and replies. */
export interface CheckOrganisation {
  name: string;
  phones: string[];
  emails: string[];
  addresses: string[];
  websites: string[];
  staffNames: string[];
}

export interface CheckContext {
  organisation: CheckOrganisation;
  /** Health alerts must carry a Spanish variant (organisation content setting). */
  requireSpanishForAlerts: boolean;
}

export interface CheckOptions {
  /** Rules not to run (e.g. the dashboard skipping the slower readability check while typing). */
  skipRules?: readonly ComplianceRule[];
  /** Flesch-Kincaid grade above which readability warns; default 8. */
  maxReadingGrade?: number;
}

export interface ReplyCheckOptions {
  /** Field named in findings; default `reply.text`. */
  field?: string;
  language?: ContentLanguage;
  channel?: ChannelKind | null;
}

export const DEFAULT_MAX_READING_GRADE = 8;
