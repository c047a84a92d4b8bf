import twitterText from 'twitter-text';

/** What X allows, weighted as X counts (links 23, most emoji and CJK characters 2). */
export const X_MAX_WEIGHTED_LENGTH = 280;

/**
 * The text as X will receive it (the post's link after it, unless the text has it already),
 * weighed as X does, as the compliance checks measure it.
 */
export function xWeightedLength(text: string, link: string | null): number {
  const published = link && !text.includes(link) ? `${text} ${link}` : text;
  return twitterText.parseTweet(published).weightedLength;
}
