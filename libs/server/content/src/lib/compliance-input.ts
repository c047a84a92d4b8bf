import type { ContentCheckInput, ContentCheckText } from '@carecast/shared/compliance';
import { type ChannelKind, type Finding, isBlogChannel, type PostSnapshot } from '@carecast/shared/contracts';

/**
 * What the compliance checks read of a post, each text named by the field it lives in (findings
 * point back to it): the base text, then the text each targeted channel publishes (its own text,
 * or the base text measured against that platform), blog titles and bodies, the "all clear"
 * follow-up, the Spanish variant, and every image's alt text.
 */
export function complianceInputOf(s: PostSnapshot): ContentCheckInput {
  const texts: ContentCheckText[] = [{ field: 'base.text', text: s.text, channel: null, language: 'en' }];
  // The base text is measured once per platform: twenty channels of one platform find the same.
  const baseFor = new Set<ChannelKind>();
  const base = (channel: ChannelKind) => {
    if (baseFor.has(channel)) return;
    baseFor.add(channel);
    texts.push({ field: 'base.text', text: s.text, channel, language: 'en' });
  };
  for (const v of s.variants) {
    const key = `variants.${v.channelId}`;
    if (isBlogChannel(v.channelKind)) {
      if (v.title !== null)
        texts.push({ field: `${key}.title`, text: v.title, channel: v.channelKind, language: 'en' });
      if (v.body !== null)
        texts.push({
          field: `${key}.body`,
          text: v.body,
          channel: v.channelKind,
          language: 'en',
          format: 'html',
        });
      else if (v.text === null) base(v.channelKind);
    }
    if (v.text !== null)
      texts.push({ field: `${key}.text`, text: v.text, channel: v.channelKind, language: 'en' });
    else if (!isBlogChannel(v.channelKind)) base(v.channelKind);
  }
  if (s.allClearText !== null)
    texts.push({ field: 'allClearText', text: s.allClearText, channel: null, language: 'en' });
  if (s.spanish) {
    texts.push({ field: 'spanish.text', text: s.spanish.text, channel: null, language: 'es' });
    for (const kind of new Set(s.variants.map((v) => v.channelKind)))
      if (!isBlogChannel(kind))
        texts.push({ field: 'spanish.text', text: s.spanish.text, channel: kind, language: 'es' });
    if (s.spanish.title !== null)
      texts.push({ field: 'spanish.title', text: s.spanish.title, channel: null, language: 'es' });
    if (s.spanish.body !== null)
      texts.push({
        field: 'spanish.body',
        text: s.spanish.body,
        channel: null,
        language: 'es',
        format: 'html',
      });
  }
  return {
    kind: s.kind,
    urgency: s.urgency,
    texts,
    media: s.images.map((image, i) => ({
      field: `media.${i}.altText`,
      altText: image.altText,
      decorative: image.decorative,
    })),
    link: s.link,
  };
}

/**
 * Findings without repeats: one text checked for several platforms finds its privacy and claim
 * problems once per platform; they are the same finding.
 */
export function distinctFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.rule, f.field, f.span?.start ?? null, f.span?.end ?? null, f.excerpt]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
