import type { Finding, FindingSeverity } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { unicodeWords } from '../text/text-scope';

/**
 * Health advice carries "not medical advice; in an emergency call 911" (C5).
 *
 * In an ordinary post it warns: telling advice from information is a judgement, and most practice
 * posts (a flu-shot reminder, hand-washing tips) are low-risk — blocking them would train reviewers
 * to override by reflex. In a health alert it blocks: an alert is advice to the public about an
 * acute situation, exactly when people must be told to call 911 rather than wait for the office.
 */

const ADVICE = unicodeWords(
  /\b(?:you\s+should|you\s+must|make\s+sure\s+(?:to|you)|be\s+sure\s+to|try\s+to|remember\s+to|don't\s+forget\s+to|avoid|stay\s+home\s+if|if\s+you\s+(?:have|feel|notice|experience|develop|get)|if\s+you\s+are\s+(?:sick|ill|pregnant|over|feeling|experiencing|having|at\s+risk)|see\s+a\s+doctor|talk\s+to\s+your\s+(?:doctor|provider|pharmacist)|ask\s+your\s+(?:doctor|provider|pharmacist)|call\s+your\s+(?:doctor|provider)|seek\s+(?:medical\s+)?(?:care|attention|help)|take\s+(?:\d+|ibuprofen|acetaminophen|tylenol|advil|aspirin|your\s+(?:medication|medicine|meds))|drink\s+(?:plenty|lots|water|fluids)|wash\s+your\s+hands|wear\s+(?:a\s+)?(?:mask|sunscreen)|apply\s+sunscreen|get\s+(?:vaccinated|your\s+(?:flu\s+)?(?:shot|vaccine|booster))|boil\s+(?:your\s+)?water|signs\s+of\s+(?:a\s+)?(?:stroke|heart\s+attack|heat\s+stroke|heat\s+exhaustion|dehydration|sepsis|overdose|concussion|hypothermia)|symptoms\s+(?:of|include)|warning\s+signs|how\s+to\s+(?:treat|prevent|manage|lower|avoid|protect)|tips?\s+(?:for|to)\s+(?:staying|stay|prevent|avoid|manage|lower|protect|keep)|to\s+(?:prevent|lower\s+your\s+risk|reduce\s+your\s+risk|protect\s+yourself)|\d+\s*mg\b|limit\s+(?:your\s+)?(?:time|salt|sugar|alcohol)|keep\s+(?:kids|children|pets|yourself)\s+(?:cool|warm|hydrated|inside|indoors)|stay\s+(?:hydrated|indoors|inside|cool|warm)|debe(?:s|ría)?\s+|si\s+(?:tiene|siente|presenta)|consulte\s+a\s+su\s+m[eé]dico|l[aá]vese\s+las\s+manos|beba\s+(?:mucha\s+)?agua|evite|hierva\s+el\s+agua|s[ií]ntomas\s+(?:de|incluyen)|señales\s+de)\b/iu,
);
const NOT_ADVICE = unicodeWords(
  /\b(?:not\s+(?:medical\s+advice|a\s+substitute\s+for\s+(?:professional\s+)?medical\s+advice)|for\s+(?:general\s+)?information(?:al)?\s+(?:purposes\s+)?only|general\s+information|no\s+(?:es|constituye)\s+(?:un\s+)?consejo\s+m[eé]dico|no\s+sustituye|solo\s+(?:con\s+)?fines\s+informativos|informaci[oó]n\s+general)\b/iu,
);
const CALL_911 = /\b(?:911|9-1-1)\b/;

export function adviceFindings(field: string, text: string, extra: string, healthAlert: boolean): Finding[] {
  const m = ADVICE.exec(text);
  if (!m) return [];
  const whole = `${text}\n${extra}`;
  const disclaimed = NOT_ADVICE.test(whole);
  const emergency = CALL_911.test(whole);
  if (disclaimed && emergency) return [];
  const severity: FindingSeverity = healthAlert ? 'block' : 'warn';
  const missing =
    !disclaimed && !emergency
      ? '“not medical advice; in an emergency call 911”'
      : !disclaimed
        ? '“not medical advice”'
        : '“in an emergency call 911”';
  return [
    finding(
      'advice.disclaimer',
      severity,
      field,
      text,
      m.index,
      m.index + m[0].length,
      `This reads as health advice but does not say ${missing}.`,
      'Add: “This is not medical advice. In an emergency, call 911.”',
    ),
  ];
}
