import type { ChannelKind, Finding } from '@carecast/shared/contracts';
import twitterText from 'twitter-text';
import { finding } from '../text/finding';

/**
 * Per-platform length, with what the platform will publish alongside the text: the post's link
 * (unless the text already has it) and the disclosures. X counts as twitter-text weighs (links
 * 23, most CJK and emoji 2; at most 280); Facebook allows 63,206 characters.
 */

export const X_MAX_WEIGHTED_LENGTH = 280;
export const FACEBOOK_MAX_LENGTH = 63_206;

/**
 * Longer than any link twitter-text counts as 23 (it takes links of up to 4,096 characters). A
 * run this long without a space is over X's limit unless it is a dozen long links written without
 * spaces, which nobody publishes; and twitter-text's time grows with the square of such a run (it
 * tries a link at each of its dots: seconds for one post), so it is not asked.
 */
const LONGEST_X_RUN = 4_200;

export interface LengthInput {
  field: string;
  text: string;
  channel: ChannelKind;
  link: string | null;
  disclosures: readonly string[];
}

/** The text as the platform will receive it (the text itself comes first, unchanged). */
export function publishedText(
  text: string,
  channel: ChannelKind,
  link: string | null,
  disclosures: readonly string[],
): string {
  const sep = channel === 'x_account' ? ' ' : '\n';
  let out = text;
  if (link && !text.includes(link)) out += `${sep}${link}`;
  for (const d of disclosures) if (d.trim() && !text.includes(d.trim())) out += `${sep}${d.trim()}`;
  return out;
}

export function lengthFindings({ field, text, channel, link, disclosures }: LengthInput): Finding[] {
  const published = publishedText(text, channel, link, disclosures);
  if (channel === 'x_account') {
    if (published.split(/\s+/).some((run) => run.length > LONGEST_X_RUN))
      return [
        finding(
          'length.x',
          'block',
          field,
          text,
          null,
          null,
          `X counts this as more than ${X_MAX_WEIGHTED_LENGTH} characters: it has a run of more than ${LONGEST_X_RUN.toLocaleString('en-US')} characters without a space.`,
          'Shorten it (links count as 23).',
        ),
      ];
    const parsed = twitterText.parseTweet(published);
    if (parsed.weightedLength <= X_MAX_WEIGHTED_LENGTH) return [];
    const overflow = parsed.validRangeEnd + 1;
    const inText = overflow < text.length;
    return [
      finding(
        'length.x',
        'block',
        field,
        text,
        inText ? overflow : null,
        inText ? text.length : null,
        `X counts this as ${parsed.weightedLength} characters${published !== text ? ' with the link and disclosures' : ''}; X allows ${X_MAX_WEIGHTED_LENGTH}.`,
        `Shorten it by ${parsed.weightedLength - X_MAX_WEIGHTED_LENGTH} or more (links count as 23).`,
      ),
    ];
  }
  if (channel === 'facebook_page') {
    const length = Array.from(published).length;
    if (length <= FACEBOOK_MAX_LENGTH) return [];
    const chars = Array.from(text);
    const inText = chars.length > FACEBOOK_MAX_LENGTH;
    const start = inText ? chars.slice(0, FACEBOOK_MAX_LENGTH).join('').length : null;
    return [
      finding(
        'length.facebook',
        'block',
        field,
        text,
        start,
        start === null ? null : text.length,
        `This is ${length.toLocaleString('en-US')} characters; Facebook allows ${FACEBOOK_MAX_LENGTH.toLocaleString('en-US')}.`,
        `Shorten it by ${(length - FACEBOOK_MAX_LENGTH).toLocaleString('en-US')} characters or more.`,
      ),
    ];
  }
  return [];
}
