import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf, sentenceAround } from '../text/text-scope';
import {
  CLINICAL_CONTEXT,
  NOT_A_PERSON_AFTER,
  NOT_A_PERSON_BEFORE,
  PATIENT_AFTER_NAME,
  PATIENT_BEFORE_NAME,
  STAFF_AFTER_NAME,
  STAFF_BEFORE_NAME,
} from './clinical-words';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NAME_IDIOMS } from './first-names';
import type { ScanTarget } from './identifier-check';
import { type OrganisationDetails, normaliseStaffName } from './organisation-details';

/**
 * Person names in a patient context: after "patient" or a courtesy title, or a given name near
 * clinical words. Staff (a doctor's title, "our new nurse practitioner", the practice's staff
 * list) and places named after people are not patients.
 */

const NAME_WORD = String.raw`(?:(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}\p{Ll}+)?)`;
/** Runs of capitalised words (a middle initial allowed): the candidates. */
const NAME_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_'’])${NAME_WORD}(?:\s+(?:\p{Lu}\.\s+)?${NAME_WORD}){0,3}(?:\s+\p{Lu}\.(?!\p{L}))?`,
  'gu',
);
const COURTESY_TITLE =
  /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|[Ss]eñor|[Ss]eñora|[Ss]eñorita|[Dd]oña)\.?\s*$/u;
/** Words that address or celebrate a person: the capitalised word after them is taken for a name. */
const ADDRESSING =
  /\b(?:congratulations|congrats|thanks|thank\s+you|happy\s+(?:\d+(?:st|nd|rd|th)\s+)?birthday|get\s+well\s+soon|praying\s+for|prayers\s+for|sending\s+(?:\w+\s+){0,2}to|proud\s+of|shout-?out\s+to|cheering\s+(?:for|on)|hats\s+off\s+to|way\s+to\s+go|keep|felicidades|gracias)(?:\s+(?:to|a))?\s*,?\s*$/iu;
const NOT_NAME_WORDS = new Set(
  'the a an our your my his her their this that these those we you i he she they it hi hello hey dear thanks thank welcome happy meet join call visit today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december flu covid please and or but if when after before at on in for with from to of by as is was are be get stay hola gracias estimado estimada feliz mr mrs ms mx miss sr sra srta'.split(
    ' ',
  ),
);

export function nameFindings(target: ScanTarget, org: OrganisationDetails): Finding[] {
  const { field, text } = target;
  const out: Finding[] = [];
  for (const m of matchesOf(NAME_RUN, text)) {
    const candidate = personIn(text, m.index, m[0], org);
    if (!candidate) continue;
    out.push(
      finding(
        'phi.name',
        'block',
        field,
        text,
        candidate.start,
        candidate.end,
        'A person’s name next to health details can identify a patient.',
        'Remove the name (or use a written marketing authorisation and a reviewer’s override).',
      ),
    );
  }
  return out;
}

interface Candidate {
  start: number;
  end: number;
}

function personIn(text: string, runStart: number, run: string, org: OrganisationDetails): Candidate | null {
  // Split the run into words with their offsets; drop leading words that are not names.
  const words = [...run.matchAll(/\S+/g)].map((w) => ({ word: w[0], start: runStart + (w.index ?? 0) }));
  const before = (at: number) => text.slice(Math.max(0, at - 40), at);
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    const lower = first.word.toLowerCase().replace(/['’]s$/, '');
    if (NOT_NAME_WORDS.has(lower)) continue;
    const rest = words.slice(i, i + 3);
    const last = rest[rest.length - 1];
    let end = last.start + last.word.length;
    // A possessive or a trailing full stop is not part of the name.
    const spanText = text
      .slice(first.start, end)
      .replace(/['’]s$/, '')
      .replace(/\.$/, (d) => (/\s\p{Lu}\.$/u.test(text.slice(first.start, end)) ? d : ''));
    end = first.start + spanText.length;
    const titled = COURTESY_TITLE.test(before(first.start));
    const patientCue = PATIENT_BEFORE_NAME.test(before(first.start));
    const listed = FIRST_NAMES.has(lower);
    const addressed = i === 0 && ADDRESSING.test(before(first.start));
    // "R. Castellanos": an initial before a surname
    const initialled = i === 0 && INITIAL_BEFORE.test(before(first.start));
    const multiWord = rest.length > 1;
    const after = text.slice(end, end + 80);
    // "Tyrell Simmons after his first dialysis": a full name the lists do not know, spoken of as a person
    const spokenOf = multiWord && PRONOUN_AFTER.test(after);
    if (!titled && !patientCue && !listed && !addressed && !initialled && !spokenOf) continue;
    const patientAfter = PATIENT_AFTER_NAME.test(after);
    // "…, Frank!" (spoken to) and "Lily, age 6," (an age beside it) are names even when the word is also a word.
    const vocative = /,\s*$/.test(before(first.start)) && /^\s*(?:[!?.]|$)/.test(after);
    const withAge = /^\s*,\s*(?:age|aged|edad)?\s*\d{1,3}\b/.test(after);
    const named = titled || patientCue || patientAfter || vocative || withAge || multiWord || initialled;
    if (listed && !named && AMBIGUOUS_FIRST_NAMES.has(lower)) return null;
    // "Thank you, Springfield!": a word after a greeting that is no known given name, and is the
    // practice's own town or reads like a place (-field, -ville, -town…), is not a person.
    if (addressed && !listed && !titled && !patientCue && !patientAfter && placeLike(lower, org)) return null;
    if (NAME_IDIOMS.test(text.slice(Math.max(0, first.start - 20), end + 25))) return null;
    if (NOT_A_PERSON_AFTER.test(text.slice(end, end + 30)) || NOT_A_PERSON_BEFORE.test(before(first.start)))
      return null;
    // "Tommy John surgery", "Lou Gehrig disease": a name used as the name of a procedure or illness.
    if (EPONYM_AFTER.test(text.slice(end, end + 20))) return null;
    // "Springfield High", "Lincoln Elementary": the place word is inside the capitalised run.
    if (rest.slice(1).some((w) => NOT_A_PERSON_AFTER.test(w.word))) return null;
    if (patientCue || patientAfter) return { start: first.start, end };
    if (isStaff(text, first.start, end, org)) return null;
    if (clinicalNear(text, first.start, end)) return { start: first.start, end };
    return null;
  }
  return null;
}

const INITIAL_BEFORE = /(?:^|[^\p{L}.])\p{Lu}\.\s*$/u;
/** "his" / "her" within a few words after a name: the name is a person's. */
const PRONOUN_AFTER = /^(?:['’]s)?(?:\s+[\p{L}'’-]+){0,3}?\s+(?:his|her|he|she|him)\b/iu;

const EPONYM_AFTER = /^\s+(?:surgery|disease|syndrome|palsy|maneuver|manoeuvre|reflex|procedure|repair)\b/i;

const PLACE_ENDING =
  /(?:field|ville|town|burg|burgh|boro|borough|ford|wood|woods|land|port|view|dale|side|haven|shire|chester|polis|city)$/;

function placeLike(word: string, org: OrganisationDetails): boolean {
  if (PLACE_ENDING.test(word)) return true;
  return org.addresses.some((a) => a.split(/\s+/).includes(word));
}

function isStaff(text: string, start: number, end: number, org: OrganisationDetails): boolean {
  if (STAFF_BEFORE_NAME.test(text.slice(Math.max(0, start - 60), start))) return true;
  if (STAFF_AFTER_NAME.test(text.slice(end, end + 100))) return true;
  const name = normaliseStaffName(text.slice(start, end));
  if (org.staffNames.has(name)) return true;
  const parts = name.split(' ');
  if (parts.length === 1) return org.staffNames.has(parts[0]);
  return org.staffNames.has(`${parts[0]} ${parts[parts.length - 1]}`);
}

/** Clinical words in the name's sentence, or the sentence before or after it (same paragraph). */
function clinicalNear(text: string, start: number, end: number): boolean {
  const here = sentenceAround(text, start, end);
  let from = here.start;
  let to = here.end;
  if (from > 0 && text[from - 1] !== '\n')
    from = sentenceAround(text, Math.max(0, from - 2), Math.max(0, from - 2)).start;
  if (to < text.length && text[to] !== '\n') {
    const nextStart = to + (text.slice(to).match(/^\s*/)?.[0].length ?? 0);
    if (nextStart < text.length && text[nextStart - 1] !== '\n')
      to = sentenceAround(text, nextStart, nextStart).end;
  }
  const scope = text.slice(from, start) + ' ' + text.slice(end, to);
  return CLINICAL_CONTEXT.test(scope);
}
