import type { Finding } from '@carecast/shared/contracts';
import type { CheckOrganisation } from '../check-types';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from '../phi/first-names';
import { finding } from '../text/finding';
import { CLINICAL_CONTEXT } from '../phi/clinical-words';
import { matchesOf, overlaps, sentenceAround, unicodeWords } from '../text/text-scope';
import { particularCareSentences } from './care-sentences';
import { SERVICE_EVENT_PATTERNS, staffServicePattern } from './service-events';

/**
 * The reply guard (P2): a public reply must never confirm or imply that someone is a patient — no
 * visit, appointment, record, treatment, diagnosis, medication, bill or insurance of theirs, no
 * "when you came in", no naming them. English and Spanish.
 */

const YOUR_THING = String.raw`(?:chart|charts|records?|medical\s+records?|health\s+records?|file|visits?|appointments?|appt|appts|procedures?|surger(?:y|ies)|operation|treatments?|treatment\s+plan|therapy|sessions?|diagnosis|diagnoses|condition|test\s+results|results|labs?|lab\s+work|lab\s+results|bloodwork|blood\s+work|scans?|x-?rays?|mri|biopsy|prescriptions?|medications?|meds|refills?|dosage|dose|bill|bills|billing|invoice|statement|balance|payments?|insurance|insurance\s+claim|claim|copay|co-pay|deductible|account|care\s+team|care|case|stay|admission|discharge|recovery|prognosis|referral|exam|check-?up|physical|cleaning|vaccination|shot|injection|delivery|pregnancy|c-section|stitches|wound|crown|filling|root\s+canal|implant|braces|health\s+history|medical\s+history|portal\s+message|intake|consult(?:ation)?|follow-?up|wait|wait\s+time|numbers|levels|readings|vitals|a1c|sample|specimen|swab|culture|ultrasound|ekg|ecg|pills|insulin|inhaler|paperwork|intake\s+forms?|(?:prior\s+|pre-?)?auth(?:orization)?|eob|explanation\s+of\s+benefits|charges?|co-?insurance|payment\s+plan|refund|credit|collections|records\s+request|discharge\s+papers|after-visit\s+summary|visit\s+summary|care\s+plan|plan\s+of\s+care|rehab|check-?in|time\s+(?:with\s+us|here|at\s+our)|experience\s+(?:with|at|in)\s+(?:us|our|the)|recent\s+experience\s+(?:with|at)|concern\s+about\s+the\s+(?:bill|visit|care))`;
const FAMILY = String.raw`(?:son|daughter|child|kid|kids|children|mom|mother|dad|father|husband|wife|partner|spouse|parent|parents|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|baby|sister|brother|family\s+member|loved\s+one)`;

const BODY = String.raw`knee|knees|hip|hips|back|stomach|shoulder|neck|tooth|teeth|ankle|wrist|arm|leg|foot|feet|eye|eyes|skin|heart|blood\s+pressure|blood\s+sugar|sugar|a1c|cholesterol|symptoms|pain|asthma|diabetes|allergies|migraines?|cough|rash|injury|fracture|cast|stitches|incision|scar|wound|sinuses|infection|fever|newborn|little\s+one`;

const GUARD_PATTERNS: RegExp[] = [
  // your chart / your last visit / your bill
  String.raw`\byour\s+(?:[\w-]+\s+){0,2}?${YOUR_THING}\b`,
  // your son's appointment, your mom's care
  String.raw`\byour\s+${FAMILY}(?:'s|’s)?\s+(?:\w+\s+)?(?:visit|appointment|care|treatment|surgery|procedure|diagnosis|condition|stay|bill|medication|results|recovery|birth|delivery|records?|chart|exam|therapy|admission|discharge)\b`,
  String.raw`\byour\s+${FAMILY}\s+(?:was|is|has\s+been)\s+(?:seen|treated|admitted|discharged|here|in\s+our\s+care|examined|diagnosed)`,
  // when you came in / while you were here
  String.raw`\b(?:when|while|since|after|before|the\s+day|the\s+last\s+time|each\s+time|every\s+time)\s+you\s+(?:came|come|visited|stopped\s+(?:in|by)|checked\s+in|were\s+(?:here|in|with\s+us|at\s+our|seen|treated|admitted)|was\s+(?:here|in|seen|treated)|saw\s+(?:us|dr|doctor|the\s+doctor|our)|had\s+your|got\s+your)`,
  String.raw`\byou\s+(?:came|come|stopped)\s+(?:in|by)\b`,
  String.raw`\byou\s+(?:were|was|got|have\s+been|'ve\s+been)\s+(?:here|in\s+(?:here|our)|seen|treated|admitted|discharged|examined|diagnosed|operated\s+on|with\s+us|in\s+our\s+care|under\s+our\s+care|prescribed|vaccinated|tested)\b`,
  String.raw`\b(?:we|i|dr\.?\s*\p{Lu}\p{Ll}+|doctor\s+\p{Lu}\p{Ll}+|our\s+(?:\w+\s+)?(?:team|staff|doctor|doctors|nurse|nurses|provider|providers|surgeon|front\s+desk|billing\s+(?:team|office|department)))\s+(?:(?:have|has|had)\s+|'ve\s+|just\s+|already\s+)?(?:saw|seen|treated|examined|admitted|discharged|operated\s+on|diagnosed|prescribed|called|billed|charged|refunded|spoke\s+(?:to|with)|spoken\s+(?:to|with)|talked\s+(?:to|with)|met\s+with|helped|cared\s+for|took\s+care\s+of|looked\s+after|vaccinated|tested|x-?rayed)\s+you\b`,
  String.raw`\byou\s+(?:saw|met\s+with|spoke\s+(?:to|with)|talked\s+(?:to|with)|were\s+seen\s+by)\s+(?:dr\.?|doctor|our|the\s+(?:doctor|nurse|provider|surgeon|front\s+desk|billing))`,
  // we reviewed your chart / our records show
  String.raw`\b(?:we|i|our\s+(?:\w+\s+)?(?:team|staff|office))\s+(?:have\s+|'ve\s+|just\s+|already\s+|will\s+|'ll\s+|are\s+|'re\s+)?(?:reviewed|review|checked|check|looked\s+(?:at|into|over)|look\s+(?:at|into|over)|pulled(?:\s+up)?|pull(?:\s+up)?|reviewing|checking|looking\s+(?:at|into|over)|went\s+(?:over|through)|go\s+(?:over|through)|found|located|read)\s+(?:your|the)\s+(?:chart|record|records|file|account|notes|history|case|visit|claim|bill|results|appointment)`,
  String.raw`\b(?:our|the)\s+(?:records|system|files|notes|chart|charts)\s+(?:show|shows|indicate|indicates|say|says|list|lists)`,
  String.raw`\b(?:according\s+to|per|in|from|on)\s+our\s+(?:records|system|files|notes|charts?)\b`,
  String.raw`\b(?:have|had|see|saw|found|show|keep)\s+you\s+(?:on\s+file|in\s+our\s+(?:system|records))`,
  String.raw`\bwe\s+(?:have|had|see|saw|found|show)\s+(?:no\s+)?(?:record|records)\s+of\s+(?:you|your)`,
  // you are our patient
  String.raw`(?<!\b(?:if|whether|once|until|unless)\s+)\b(?:as|you\s+are|you're|you’re|you\s+were|you've\s+been|you’ve\s+been|being|because\s+you're)\s+(?:a|an|our|one\s+of\s+our)\s+(?:(?:valued|long-?time|loyal|new|former|current|established|wonderful|favorite|regular)\s+)?(?:patient|patients|client)\b(?!\s+(?:advocate|portal|services|relations|experience|line|coordinator|navigator|representative|liaison|support|safety|education|access|rights))`,
  String.raw`\b(?:valued|long-?time|loyal|former|established|favorite)\s+patient\b`,
  String.raw`\ba\s+patient\s+of\s+(?:ours|dr\.?|doctor|our)`,
  String.raw`\bwe(?:'ve|’ve|\s+have)\s+(?:been\s+)?(?:treating|seeing|caring\s+for|looking\s+after|treated|seen|cared\s+for)\s+you`,
  String.raw`\bsince\s+you(?:'ve|’ve|\s+have)?\s+(?:been\s+)?(?:coming|seeing|with\s+us|started\s+(?:seeing|coming))`,
  String.raw`\bwelcome\s+back\b`,
  // we helped your daughter, the surgeon who operated on you
  String.raw`\b(?:help|helped|treat|treated|see|saw|seen|care\s+for|cared\s+for|deliver|delivered|vaccinate|vaccinated|examine|examined)\s+your\s+${FAMILY}\b`,
  String.raw`\b(?:who|that)\s+(?:saw|treated|examined|cared\s+for|operated\s+on|delivered|stitched\s+up|vaccinated|admitted|discharged|looked\s+after|called|billed)\s+(?:you|your)\b`,
  String.raw`\b(?:we|i)\s+(?:mailed|sent|emailed|e-mailed|faxed|posted)\s+(?:you\s+)?(?:the|your|a)\s+(?:bill|statement|invoice|results|records|letter|referral|prescription|lab\s+results)`,
  // your knee is healing
  String.raw`\byour\s+(?:${BODY})\s+(?:is|are|was|were|has|have|feels?|looks?|seems?|healing|recovering|improving|getting|doing)\b`,
  String.raw`\b(?:glad|sorry|hope|hoping)\s+(?:that\s+)?your\s+(?:${BODY})\b`,
  // thanks for coming in, great to see you, see you in two weeks
  String.raw`\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+)?for\s+(?:coming\s+in|visiting\s+(?:us|our)|stopping\s+(?:in|by)|choosing\s+us\s+for|trusting\s+us\s+with\s+your)`,
  String.raw`\b(?:pleasure|great|nice|good|lovely|wonderful|fun)\s+(?:to\s+see|seeing|to\s+meet|meeting)\s+you\b`,
  String.raw`\bsee\s+you\s+(?:(?:at|for)\s+your|(?:again\s+)?in\s+(?:\w+\s+)?(?:days?|weeks?|months?)|next\s+(?:week|month|time|visit))`,
  String.raw`\b(?:treatment(?:\s+plan)?|therapy|physical\s+therapy|medication|meds|medicine|prescription|inhaler|procedure|surgery|plan|dose|antibiotics?|injections?|shots?|exercises|brace|diet)\s+(?:is|are|was|were|has\s+been|have\s+been|seems?\s+to\s+be)\s+(?:\w+\s+)?(?:working|helping)\s+(?:for\s+)?(?:you|your)\b`,
  String.raw`\b(?:glad|sorry|hope|hoping|happy|relieved)\s+(?:that\s+)?the\s+(?:stitches|cast|surgery|procedure|treatment|x-?ray|exam|shot|injection|test|biopsy|delivery|recovery|medication|meds|scan|labs?|results|cleaning|filling|crown|extraction|splint|boot|drain|infusion)\b`,
  // the antibiotics upset your stomach
  String.raw`\b(?:antibiotics?|medications?|meds|medicine|pills?|prescription|shot|vaccine|injection|treatment|procedure|surgery|anesthesia|inhaler|dose|stitches|cast)\s+(?:\w+\s+)?(?:upset|gave|made|caused|hurt|bothered|affected|helped|worked\s+for|irritated)\s+(?:you|your)\b`,
  // wishes that repeat what they went through
  String.raw`\b(?:hope|hoping|glad|happy|sorry|pleased)\s+(?:that\s+)?(?:you(?:'re|’re|\s+are)|your)\s+(?:(?:feeling|doing)\s+better|recovering|recovery|healing|back\s+on\s+your\s+feet|knee|hip|back|shoulder|tooth|teeth|stitches|wound|test|results|pain|procedure|surgery|treatment|baby)`,
  String.raw`\b(?:hope|hoping|glad)\s+(?:the|that)\s+(?:surgery|procedure|treatment|medication|meds|recovery|new\s+meds)\s+(?:went|is|are|helped|helps)`,
  // rescheduling, billing
  String.raw`\b(?:reschedule|cancel(?:l)?ed|cancel|confirm(?:ed)?|book(?:ed)?|moved?|missed)\s+(?:your|the|that)\s+(?:appointment|appt|visit|procedure|surgery|follow-?up)`,
  String.raw`\b(?:refund(?:ed)?|credit(?:ed)?|overcharged?|bill(?:ed)?|waive(?:d)?|reimburse(?:d)?)\s+you\b`,
  String.raw`\byou\s+(?:owe|paid|were\s+(?:charged|billed|overcharged|refunded)|still\s+owe)\b`,
  String.raw`\b(?:we|i)\s+(?:left\s+you\s+a\s+(?:message|voicemail)|sent\s+you\s+(?:a|your)\s+(?:bill|statement|letter|results|reminder))`,
  String.raw`\bthe\s+(?:nurse|doctor|provider|surgeon|hygienist|therapist|receptionist|staff\s+member|technician)\s+(?:who|that)\s+(?:saw|treated|helped|examined|cared\s+for|called|checked\s+you\s+in)\s+you`,
  // Spanish
  String.raw`\b(?:su|tu|sus|tus)\s+(?:(?:última|ultima|próxima|proxima|reciente|primera|siguiente)\s+)?(?:cita|citas|visita|consulta|expediente|historial|historia\s+clínica|procedimiento|cirugía|cirugia|operación|operacion|tratamiento|diagnóstico|diagnostico|medicamentos?|receta|factura|cuenta|seguro|resultados|análisis|analisis|estancia|estadía|parto|embarazo|recuperación|recuperacion|terapia|examen|vacuna|radiografía|saldo|pago)\b`,
  String.raw`\bcuando\s+(?:usted\s+)?(?:vino|nos\s+visitó|nos\s+visito|estuvo\s+aquí|estuvo\s+aqui|lo\s+vimos|la\s+vimos)`,
  String.raw`\bdurante\s+(?:su|tu)\b`,
  String.raw`\b(?:revisamos|revisé|vimos|consultamos|verificamos|encontramos)\s+(?:su|tu)\b`,
  String.raw`\b(?:nuestros|según\s+nuestros|segun\s+nuestros)\s+(?:registros|archivos|expedientes)\b`,
  String.raw`\b(?:como|es|eres|usted\s+es|siendo)\s+(?:nuestr[oa]\s+)?paciente\b(?!\s+(?:defensor|portal))`,
  String.raw`\busted\s+(?:vino|estuvo|fue\s+(?:atendid[oa]|tratad[oa]|operad[oa]|vist[oa]|ingresad[oa]))`,
  String.raw`\b(?:lo|la|le)\s+(?:atendimos|tratamos|vimos|operamos|llamamos|examinamos|ingresamos)\b(?!\s+(?:en|por)\s+(?:las?|los|el|la)\s+(?:noticias|tele|televisi[oó]n|radio|redes|peri[oó]dico|feria|evento|desfile|parque|carrera))`,
  String.raw`\bbienvenid[oa]\s+de\s+nuevo\b`,
].map((source) => unicodeWords(new RegExp(source, 'giu')));

const ALL_PATTERNS: readonly RegExp[] = [...GUARD_PATTERNS, ...SERVICE_EVENT_PATTERNS];
/** The "your chart / your bill" pattern, which a call to action may use generically. */
const YOUR_THING_PATTERN = GUARD_PATTERNS[0];

/**
 * A "your …" that is no statement about this person.
 *
 * "Book your annual physical online", "You can pay your bill by phone", "Please bring your
 * insurance card to your appointment": an instruction anyone could follow, not a statement about
 * this person. Only for things a stranger may book, get, bring or pay, and not "your next / last /
 * follow-up visit", which presumes one.
 */
const CALL_TO_ACTION_BEFORE = unicodeWords(
  /(?:^|[.!?;:]\s*|\b(?:please|you\s+can|you\s+may|feel\s+free\s+to|be\s+sure\s+to|remember\s+to|don['’]t\s+forget\s+to|just|easily|and)\s+)(?:book|schedule|make|get|request|bring|fill\s+out|complete|pay|plan|upload|sign\s+up\s+for)\s+(?:[\w'’-]+\s+){0,5}$/iu,
);
const CALL_TO_ACTION_THING = unicodeWords(
  /^your\s+(?:(?:annual|yearly|free|flu|covid|sports|school|well-?child|wellness|insurance|new\s+patient)\s+){0,2}(?:appointment|appt|visit|physical|exam|check-?up|shot|vaccination|vaccine|booster|mammogram|screening|cleaning|bill|payment|insurance|copay|co-pay|paperwork|intake\s+forms?)\b/iu,
);

/** "If your bill looks wrong, …", "If you lost your inhaler, …": a case anyone may be in. */
const CONDITION_BEFORE = unicodeWords(/^\s*(?:if|whether|in\s+case|should)\s+[^,;:]*$/iu);

function callToAction(text: string, start: number, match: string): boolean {
  const sentence = sentenceAround(text, start, start);
  const before = text.slice(sentence.start, start);
  if (CONDITION_BEFORE.test(before)) return true;
  if (!CALL_TO_ACTION_THING.test(match)) return false;
  return CALL_TO_ACTION_BEFORE.test(before);
}

const GREETING = unicodeWords(
  /(?:^|[.!?]\s+|\n)(?:@\w+\s+)*(?:hi|hello|hey|dear|thanks|thank\s+you|good\s+(?:morning|afternoon|evening)|congrats|congratulations|hola|estimad[oa]|querid[oa]|gracias|buenos\s+días|buenas\s+tardes)\s*,?\s+((?:(?:mr|mrs|ms|miss|mx|sr|sra|srta|don|doña)\.?\s+)?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)/giu,
);
const THANKS_NAME = unicodeWords(
  /\b(?:thanks|thank\s+you|gracias|take\s+care|best|cheers)\s*,\s*(\p{Lu}\p{Ll}+)\s*[!.]/gu,
);
/** "…, don Ernesto." / "Glad it helped, Frank!": the person spoken to, by name, at the end of a sentence. */
const VOCATIVE = unicodeWords(
  /,\s*((?:(?:mr|mrs|ms|miss|mx|sr|sra|srta|don|doña|señor|señora|señorita)\.?\s+)?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)\s*(?:[!.?]|$)/giu,
);
const YOUR_FAMILY = unicodeWords(new RegExp(String.raw`\b(?:your|su|tu)\s+${FAMILY}\b`, 'giu'));
const TITLED =
  /(?<![\p{L}])(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|[Dd]oña|don|[Ss]eñor|[Ss]eñora|[Ss]eñorita)\.?\s+\p{Lu}\p{Ll}+/gu;

export function replyGuardFindings(field: string, text: string, org: CheckOrganisation): Finding[] {
  const out: Finding[] = [];
  const contact = org.phones[0] ?? org.emails[0] ?? null;
  const suggestion =
    'Use a generic reply: thank them, say privacy law keeps you from discussing anyone’s care here, and ' +
    (contact
      ? `ask them to contact the practice at ${contact}.`
      : 'give the practice’s phone number or e-mail.');
  const add = (start: number, end: number, message: string) => {
    if (out.some((f) => f.span && overlaps(f.span, { start, end }))) return;
    out.push(finding('reply.patient_relationship', 'block', field, text, start, end, message, suggestion));
  };
  const staff = staffServicePattern(org);
  for (const re of staff ? [...ALL_PATTERNS, staff] : ALL_PATTERNS) {
    for (const m of matchesOf(re, text)) {
      const value = m[0].replace(/\s+$/, '');
      if (re === YOUR_THING_PATTERN && callToAction(text, m.index, value)) continue;
      add(
        m.index,
        m.index + value.length,
        'This reply could confirm that the person is a patient of the practice.',
      );
    }
  }
  for (const re of [GREETING, THANKS_NAME, VOCATIVE]) {
    for (const m of matchesOf(re, text)) {
      const start = m.index + m[0].lastIndexOf(m[1]);
      const words = m[1].split(/\s+/).filter((w, i) => i === 0 || /^\p{Lu}/u.test(w));
      const name = words.join(' ');
      const titled = /^(?:mr|mrs|ms|miss|mx|sr|sra|srta|don|doña)\.?$/i.test(words[0]);
      const givenWord = titled ? words[1] : words[0];
      const given = givenWord.toLowerCase();
      if (!/^\p{Lu}/u.test(givenWord)) continue;
      if (!titled && !FIRST_NAMES.has(given)) continue;
      if (!titled && words.length < 2 && AMBIGUOUS_FIRST_NAMES.has(given)) continue;
      add(start, start + name.length, 'This reply names the person, which can confirm they are a patient.');
    }
  }
  // "your mother … her chemo visit": a relative of theirs and health in one sentence.
  for (const m of matchesOf(YOUR_FAMILY, text)) {
    const sentence = sentenceAround(text, m.index, m.index + m[0].length);
    const rest = text.slice(sentence.start, m.index) + ' ' + text.slice(m.index + m[0].length, sentence.end);
    if (CLINICAL_CONTEXT.test(rest))
      add(
        m.index,
        m.index + m[0].length,
        'This reply talks about the health of someone close to the person.',
      );
  }
  for (const m of matchesOf(TITLED, text)) {
    add(m.index, m.index + m[0].length, 'This reply names the person, which can confirm they are a patient.');
  }
  // The wider net: a sentence about one particular occasion of care, when no wording above matched in it.
  for (const s of particularCareSentences(text)) {
    add(
      s.start,
      s.end,
      'This sentence speaks of a particular visit, service, bill or health matter, which can confirm the person is a patient.',
    );
  }
  return out.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}
