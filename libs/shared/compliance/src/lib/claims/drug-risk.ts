import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf, phraseRegex, unicodeWords } from '../text/text-scope';
import { DRUG_AND_DEVICE_NAMES } from './drug-names';

/**
 * A prescription drug or device named with a benefit claim needs its major risks in the same post
 * and a link to full risk information (C4, FDA guidance for character-limited platforms). If that
 * does not fit the platform, the post is blocked: so this blocks.
 */

const DRUG = phraseRegex(DRUG_AND_DEVICE_NAMES, 'giu');
const BENEFIT = unicodeWords(
  /\b(?:helps?|helped|helping|lowers?|lowered|lowering|reduces?|reduced|reducing|cuts?|treats?|treated|prevents?|prevented|protects?|effective|works|worked|relief|relieves?|controls?|controlled|manages?|improves?|improved|boosts?|approved\s+for|lose\s+weight|weight\s+loss|lost\s+\d+|slows?|stops?|ends?|eliminates?|reverses?|fights?|beat|beats|fewer|less|better|results|benefits?|safe|smoother|younger|clearer|sleep\s+better|feel\s+better|keeps?\s+you|ayuda|ayudan|reduce|reducen|baja|bajan|controla|trata|previene|protege|eficaz|efectiv[oa]|bajar\s+de\s+peso|mejora)\b/iu,
);
const RISK = unicodeWords(
  /\b(?:side\s+effects?|risks?|may\s+cause|can\s+cause|could\s+cause|serious\s+(?:reactions?|problems|side\s+effects)|warnings?|boxed\s+warning|not\s+for\s+everyone|not\s+right\s+for\s+everyone|contraindicat\w+|safety\s+information|important\s+safety|prescribing\s+information|adverse|nausea|pancreatitis|bleeding|efectos\s+secundarios|riesgos?|advertencias?|puede\s+causar)\b/iu,
);
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|org|gov|net|health)\/\S*/i;

export interface DrugRiskInput {
  field: string;
  text: string;
  /** Text the platform will publish with it (disclosures, the post's link). */
  extra: string;
  hasLink: boolean;
}

export function drugRiskFindings({ field, text, extra, hasLink }: DrugRiskInput): Finding[] {
  const drugs = matchesOf(DRUG, text);
  if (!drugs.length) return [];
  if (!BENEFIT.test(text)) return [];
  const whole = `${text}\n${extra}`;
  const hasRisk = RISK.test(whole);
  const linked = hasLink || LINK.test(whole);
  if (hasRisk && linked) return [];
  const first = drugs[0];
  const missing =
    !hasRisk && !linked
      ? 'its major risks and a link to full risk information'
      : !hasRisk
        ? 'its major risks'
        : 'a link to full risk information';
  return [
    finding(
      'claims.drug_risk',
      'block',
      field,
      text,
      first.index,
      first.index + first[0].length,
      `A benefit of ${first[0]} is claimed without ${missing}.`,
      'Add the major risks (e.g. “Side effects can include …”) and a link to the full safety information, or remove the benefit claim.',
    ),
  ];
}
