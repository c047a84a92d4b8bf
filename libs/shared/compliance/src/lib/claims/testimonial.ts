import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { unicodeWords } from '../text/text-scope';

/**
 * An outcome testimonial needs a statement of what patients can generally expect (C2, 16 CFR
 * 255.2). It warns: whether words are a testimonial is a judgement a reviewer confirms.
 */

const OUTCOME = unicodeWords(
  /\b(?:i|we|my\s+(?:\w+\s+)?)\s*(?:lost|dropped|shed)\s+\d+\s*(?:pounds|lbs|kilos|kg)\b|\b(?:changed|saved|gave\s+me\s+back)\s+my\s+life\b|\bi\s+(?:can|could)\s+(?:finally\s+)?(?:walk|run|sleep|breathe|see|hear|eat|play)\s+(?:again|without)|\bi(?:'m|\s+am|’m)\s+(?:now\s+)?(?:pain-free|cancer-free|off\s+(?:my|all)\s+(?:meds|medications|insulin))|\bmy\s+(?:pain|migraines?|headaches?|back\s+pain|acne|diabetes|symptoms|anxiety|depression)\s+(?:is|are)\s+(?:gone|cured|over|finally\s+gone)|\bi\s+feel\s+(?:\d+|ten|twenty)\s+years\s+younger|\b(?:patient|success)\s+(?:story|stories|testimonial)|\btestimonials?\b|\bbefore\s+(?:and|&)\s+after\b|\bhere(?:'s|\s+is|’s)\s+what\s+(?:our\s+)?patients\s+(?:say|are\s+saying)|\bperd[ií]\s+\d+\s+(?:libras|kilos)|\bme\s+cambi[oó]\s+la\s+vida\b|\btestimonio\b/iu,
);
const TYPICAL = unicodeWords(
  /\b(?:results?\s+(?:may\s+|can\s+|will\s+)?vary|individual\s+results|not\s+typical|atypical\s+results|typical\s+results|results\s+are\s+not\s+guaranteed|most\s+patients\s+(?:can\s+expect|see|lose|have)|patients\s+generally|on\s+average|los\s+resultados\s+(?:pueden\s+)?var[ií]an|resultados\s+individuales)\b/iu,
);

export function testimonialFindings(field: string, text: string, extra: string): Finding[] {
  const m = OUTCOME.exec(text);
  if (!m) return [];
  if (TYPICAL.test(`${text}\n${extra}`)) return [];
  return [
    finding(
      'claims.testimonial',
      'warn',
      field,
      text,
      m.index,
      m.index + m[0].length,
      'A patient’s result is shown without saying what patients can generally expect.',
      'Add “Results vary” and what most patients can expect; a patient’s story also needs their signed marketing authorisation.',
    ),
  ];
}
