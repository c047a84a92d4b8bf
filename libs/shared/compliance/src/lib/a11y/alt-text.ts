import type { Finding } from '@carecast/shared/contracts';
import type { ContentCheckMedia } from '../check-types';
import { finding } from '../text/finding';

/** Images need alt text unless marked decorative (X1, WCAG 2.1 SC 1.1.1). */

/** Alt text that says nothing: empty, a file name, or just "image". */
const EMPTY_ALT =
  /^(?:|image|img|photo|picture|pic|graphic|foto|imagen|untitled|alt|alt text|\S+\.(?:jpe?g|png|gif|webp|heic|svg)|img_\d+|dsc_?\d+)$/i;

export function altTextFindings(media: ContentCheckMedia[]): Finding[] {
  return media.flatMap((m) => {
    if (m.decorative) return [];
    const alt = (m.altText ?? '').trim();
    if (!EMPTY_ALT.test(alt)) return [];
    return [
      finding(
        'a11y.alt_text',
        'block',
        m.field,
        alt,
        null,
        null,
        alt
          ? `“${alt}” does not describe the image for people using a screen reader.`
          : 'This image has no alt text.',
        'Describe what the image shows in a short sentence, or mark it as decorative if it adds nothing.',
      ),
    ];
  });
}
