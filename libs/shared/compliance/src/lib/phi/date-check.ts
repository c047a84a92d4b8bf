import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf, sentenceAround, unicodeWords } from '../text/text-scope';
import type { ScanTarget } from './identifier-check';

/**
 * Dates tied to a person (birth, admission, discharge, a visit, a death: every element but the
 * year is an identifier) and ages over 89. A date about the practice (a clinic day, opening
 * hours, an event) is not.
 */

const MONTH_EN =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH_ES =
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const YEAR = '(?:19|20)\\d{2}';
const WEEKDAY = '(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)';

const DATE = new RegExp(
  [
    // 03/14/1988, 3-14-88, 14.03.1988
    String.raw`(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:${YEAR}|\d{2})(?![\d/-])`,
    // 1988-03-14
    String.raw`(?<![\d-])${YEAR}-(?:0[1-9]|1[0-2])-${DAY}(?!\d)`,
    // (Saturday,) March 3rd(, 1988) / March 1988
    String.raw`\b${WEEKDAY}?(?:${MONTH_EN})\.?\s+(?:${DAY}(?:st|nd|rd|th)?(?:,?\s+${YEAR})?|${YEAR})(?![\d:])`,
    // 3 March 1988, 3rd of March
    String.raw`\b${DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTH_EN})\b\.?(?:,?\s+${YEAR})?`,
    // 3 de marzo (de 1988)
    String.raw`\b${DAY}\s+de\s+(?:${MONTH_ES})(?:\s+(?:de|del)\s+${YEAR})?\b`,
    // 3/14 right after a birth or visit word
    String.raw`(?<=\b(?:dob|d\.o\.b\.?|born|birthday|admitted|discharged|seen|on|el)\s{0,3}:?\s{0,3})(?:0?[1-9]|1[0-2])/${DAY}(?![\d/])`,
  ].join('|'),
  'giu',
);

/** A person's date whatever else the sentence says. */
const STRONG_PERSON = unicodeWords(
  /\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|birthday|born|admitted|admission|admit\s+date|discharged|discharge|died|passed\s+away|date\s+of\s+death|deceased|date\s+of\s+service|dos|patient|pt|mrs?|ms|gave\s+birth|delivered|fecha\s+de\s+nacimiento|naci[oó]|nacid[oa]|ingres[oó]|dad[oa]\s+de\s+alta|falleci[oó]|paciente|cumplea[nñ]os)\b/iu,
);
/** A person's date unless an event word is nearer. */
const WEAK_PERSON = unicodeWords(
  /\b(?:she|he|her|his|him|they|their|you|your|yours|treated|seen|came\s+in|visited|visit|surgery|operated|operation|diagnosed|injured|accident|fell|hospitali[sz]ed|procedure|appointment|appt|tested|recovered|su\s+cita|su\s+visita|atendid[oa]|operad[oa]|usted)\b/giu,
);
const EVENT = unicodeWords(
  /\b(?:clinics?|events?|fair|drive|held|hosting|join\s+us|joins|joining|welcome|welcomes|open|opens|opening|reopens?|closed|closes|closing|closure|hours|walk-?ins?|schedule[ds]?|register|registration|rsvp|webinar|seminar|class|classes|workshop|starting|starts|begins|beginning|deadline|holiday|awareness|office|offices|available|availability|book|booking|sign\s+up|free|community|celebrat\w*|anniversary|fundraiser|5k|meeting|town\s+hall|program|campaign|season|we\s+will|we'll|we\s+are|we're|our\s+team|cl[ií]nica|evento|feria|abiert[oa]|cerrad[oa]|horario|[uú]nase|inscr[ií]base|jornada)\b/giu,
);

/** An age over 89, in figures or words ("94", "ninety-one", "a hundred", "noventa y dos"). */
const OVER_89 = String.raw`(?:9\d|1[01]\d|ninety(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a)\s+hundred(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?|noventa(?:\s+y\s+(?:uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien(?:to)?)`;
const OVER_89_ORDINAL = String.raw`(?:(?:9\d|1[01]\d)(?:st|nd|rd|th)|ninetieth|ninety[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|(?:one\s+)?hundredth)`;
const AGE = unicodeWords(
  new RegExp(
    String.raw`\b(?:${OVER_89}(?:-|\s)(?:years?|yrs?)(?:-|\s)(?:old|young)|${OVER_89}-year-old|(?:aged?|turn(?:ed|s|ing)?)\s+${OVER_89}(?!\s*(?:degrees|days|minutes|percent|%))|(?:edad\s+de|cumpli[oó]|tiene|de)\s+${OVER_89}\s+a[nñ]os|${OVER_89_ORDINAL}\s+birthday|happy\s+${OVER_89_ORDINAL}(?!\s+birthday)|in\s+(?:her|his|their)\s+(?:90s|nineties|100s)|(?:nonagenarian|centenarian|supercentenarian)s?)\b`,
    'giu',
  ),
);
/** "Ruth, 94, ..." */
const NAME_COMMA_AGE = /\b\p{Lu}\p{Ll}+,\s+(9\d|1[01]\d),/gu;
const NOT_AN_AGE_AFTER = unicodeWords(
  /^\s*(?:years?\s+(?:of|in|serving|since)|a[nñ]os\s+de\s+(?:servicio|experiencia|historia))/iu,
);

function nearestDistance(
  re: RegExp,
  text: string,
  from: number,
  to: number,
  start: number,
  end: number,
): number {
  let best = Infinity;
  re.lastIndex = 0;
  const scope = text.slice(from, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(scope)) !== null) {
    const s = from + m.index;
    const e = s + m[0].length;
    const d = e <= start ? start - e : s >= end ? s - end : 0;
    if (d < best) best = d;
  }
  return best;
}

export function dateFindings(target: ScanTarget): Finding[] {
  const { field, text } = target;
  const out: Finding[] = [];
  for (const m of matchesOf(DATE, text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(m[0]) && !validNumericDate(m[0])) continue;
    const sentence = sentenceAround(text, start, end);
    const context = text.slice(sentence.start, start) + ' ' + text.slice(end, sentence.end);
    let personal = STRONG_PERSON.test(context);
    if (!personal) {
      const weak = nearestDistance(WEAK_PERSON, text, sentence.start, sentence.end, start, end);
      const event = nearestDistance(EVENT, text, sentence.start, sentence.end, start, end);
      personal = weak < Infinity && weak <= event;
    }
    if (!personal) continue;
    out.push(
      finding(
        'phi.date',
        'block',
        field,
        text,
        start,
        end,
        'A date tied to a person (birth, visit, admission, discharge) can identify a patient.',
        'Leave the date out, or give the year only.',
      ),
    );
  }
  for (const re of [AGE, NAME_COMMA_AGE]) {
    for (const m of matchesOf(re, text)) {
      const start = re === AGE ? m.index : m.index + m[0].lastIndexOf(m[1]);
      const end = re === AGE ? m.index + m[0].length : start + m[1].length;
      if (NOT_AN_AGE_AFTER.test(text.slice(end, end + 30))) continue;
      if (out.some((f) => f.rule === 'phi.age' && f.span && f.span.start < end && start < f.span.end))
        continue;
      out.push(
        finding(
          'phi.age',
          'block',
          field,
          text,
          start,
          end,
          'An age over 89 can identify a patient.',
          'Say “over 90” only without a name, or leave the age out.',
        ),
      );
    }
  }
  return out;
}

function validNumericDate(value: string): boolean {
  const [a, b] = value.split(/[/.-]/).map(Number);
  // Month/day (US) or day/month: one of the first two must be a month and the other a day.
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}
