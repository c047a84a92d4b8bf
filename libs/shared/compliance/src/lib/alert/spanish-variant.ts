import type { Finding } from '@carecast/shared/contracts';
import type { CheckContext, ContentCheckInput } from '../check-types';
import { finding } from '../text/finding';

/** The practice requires a Spanish variant of every health alert (organisation content setting). */
export function spanishVariantFindings(input: ContentCheckInput, ctx: CheckContext): Finding[] {
  if (input.kind !== 'health_alert' || !ctx.requireSpanishForAlerts) return [];
  if (input.texts.some((t) => t.language === 'es' && t.text.trim())) return [];
  return [
    finding(
      'alert.spanish_required',
      'block',
      'spanish.text',
      '',
      null,
      null,
      'This practice requires a Spanish version of every health alert.',
      'Add the Spanish text in the Spanish tab.',
    ),
  ];
}
