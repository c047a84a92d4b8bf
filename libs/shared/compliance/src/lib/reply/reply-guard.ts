import { type Finding, fillTemplate, REPLY_TEMPLATES } from '@carecast/shared/contracts';
import type { CheckOrganisation } from '../check-types';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from '../phi/first-names';
import { finding } from '../text/finding';
import { CLINICAL_CONTEXT } from '../phi/clinical-words';
import { matchesOf, overlaps, sentenceAround, unicodeWords } from '../text/text-scope';
import { careSentenceScope, personalCareSentences } from './care-sentences';
import { SERVICE_EVENT_PATTERNS, staffServicePattern } from './service-events';

/**
 * The reply guard (P2): a public reply must never confirm or imply that someone is a patient — no
 * visit, appointment, record, treatment, diagnosis, medication, bill or insurance of theirs, no
 * "when you came in", no naming them. English and Spanish.
 */

const YOUR_THING = String.raw`(?:chart|charts|records?|medical\s+records?|health\s+records?|file|visits?|appointments?|appt|appts|procedures?|surger(?:y|ies)|operation|treatments?|treatment\s+plan|therapy|sessions?|diagnosis|diagnoses|condition|test\s+results|results|labs?|lab\s+work|lab\s+results|bloodwork|blood\s+work|scans?|x-?rays?|mri|biopsy|prescriptions?|medications?|meds|refills?|dosage|dose|bill|bills|billing|invoice|statement|balance|payments?|insurance|insurance\s+claim|claim|copay|co-pay|deductible|account|care\s+team|care|case|stay|admission|discharge|recovery|prognosis|referral|exam|check-?up|physical|cleaning|vaccination|shot|injection|delivery|pregnancy|c-section|stitches|wound|crown|filling|root\s+canal|implant|braces|health\s+history|medical\s+history|portal\s+message|intake|consult(?:ation)?|follow-?up|wait|wait\s+time|numbers|levels|readings|vitals|a1c|sample|specimen|swab|culture|ultrasound|ekg|ecg|pills|insulin|inhaler|paperwork|intake\s+forms?|(?:prior\s+|pre-?)?auth(?:orization)?|eob|explanation\s+of\s+benefits|charges?|co-?insurance|payment\s+plan|refund|credit|collections|records\s+request|discharge\s+papers|after-visit\s+summary|visit\s+summary|care\s+plan|plan\s+of\s+care|rehab|infusions?|chemo|radiation|dialysis|bp|blood\s+pressure|blood\s+sugars?|sugars?|cholesterol|weight|heart\s+rate|pulse|temperature|temp|oxygen|check-?ins?|time\s+(?:with\s+us|here|at\s+our)|experience\s+(?:with|at|in)\s+(?:us|our|the)|recent\s+experience\s+(?:with|at)|concern\s+about\s+the\s+(?:bill|visit|care))`;
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
  String.raw`\b(?:valued|long-?time|loyal|former|established|favorite|favourite)\s+(?:[\w-]+\s+)?patient\b`,
  // "our bravest patient": one patient of theirs ("our patient portal", "our new patient forms" are for anyone)
  String.raw`\bour\s+(?:[\w-]+\s+){0,2}?patient\b(?!s|\s+(?:advocate|portal|services|relations|experience|line|coordinator|navigator|representative|liaison|support|safety|education|access|rights|forms?|paperwork|packet|specials?|visits?|appointments?|intake|registration|care|satisfaction|survey|information|privacy|centered|centred|first))`,
  // "thanks for bringing the kids in"
  String.raw`\b(?:thanks|thank\s+you|ty|thx)\s+(?:so\s+much\s+)?for\s+(?:bringing|having\s+brought)\s+(?:[\w'’-]+\s+){1,3}?(?:in|by|over)\b`,
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
  // (a booth, a table or a stand at an event is no visit)
  String.raw`\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+)?for\s+(?:coming\s+in|visiting\s+(?:us|our)|stopping\s+(?:in|by)|choosing\s+us\s+for|trusting\s+us\s+with\s+your)(?!\s+(?:(?:at\s+)?(?:our|the)\s+)?(?:[\w-]+\s+)?(?:booth|table|tent|stand|stall|event|fair|open\s+house|party|5k|race|walk|festival|parade|station|float)\b)`,
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
  /(?:^|[.!?;:]\s*|\b(?:please|you\s+can|you\s+may|you['’]ll|you\s+will|you\s+might|feel\s+free\s+to|be\s+sure\s+to|remember\s+to|don['’]t\s+forget\s+to|just|easily|and)\s+)(?:book|schedule|make|get|request|bring|fill\s+out|complete|pay|plan|upload|sign\s+up\s+for|view|see|check|download|access|find|print|need|message|contact|call|ask|e-?mail|text)\s+(?:[\w'’-]+\s+){0,5}$/iu,
);
const CALL_TO_ACTION_THING = unicodeWords(
  /^your\s+(?:(?:annual|yearly|free|flu|covid|sports|school|well-?child|wellness|insurance|new\s+patient)\s+){0,2}(?:appointment|appt|visit|physical|exam|check-?up|shot|vaccination|vaccine|booster|mammogram|screening|cleaning|bill|payment|insurance|copay|co-pay|paperwork|intake\s+forms?|(?:medical\s+|health\s+)?records|(?:lab\s+|test\s+)?results|refills?|forms?|statements?|insurance\s+(?:card|company|plan)|care\s+team|doctor|provider|nurse)\b/iu,
);

/** "If your bill looks wrong, …", "If you lost your inhaler, …": a case anyone may be in. */
const CONDITION_BEFORE = unicodeWords(
  /^\s*(?:if|whether|in\s+case|should)\s+[^,;:]*(?:,\s*(?:you\s+can|you\s+may|please|just)\s+[^,;:]*)?$/iu,
);

function callToAction(text: string, start: number, match: string): boolean {
  const sentence = sentenceAround(text, start, start);
  const before = text.slice(sentence.start, start).trimStart();
  if (CONDITION_BEFORE.test(before)) return true;
  if (!CALL_TO_ACTION_THING.test(match)) return false;
  return CALL_TO_ACTION_BEFORE.test(before);
}

const GREETING = unicodeWords(
  /(?:^|[.!?]\s+|\n)(?:@\w+\s+)*(?:hi|hello|hey|dear|thanks|thank\s+you|good\s+(?:morning|afternoon|evening)|congrats|congratulations|hola|estimad[oa]|querid[oa]|gracias|buenos\s+días|buenas\s+tardes)(?:\s*,)?\s+((?:(?:mr|mrs|ms|miss|mx|sr|sra|srta|don|doña)\.?\s+)?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)/giu,
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

/** What tier-1 wording says about the person, read from the words it matched. */
const CONFIRMS: ReadonlyArray<[RegExp, string]> = [
  [
    /patient|paciente|valued|long-?time|loyal|welcome\s+back|bienvenid/iu,
    'calls them a patient of the practice',
  ],
  [
    /(?:son|daughter|child|kid|mom|mother|dad|father|husband|wife|partner|baby|newborn|parent|grand\w+|sister|brother|family|loved\s+one|hij[oa]|espos[oa]|mam[aá]|pap[aá])(?:['’]s)?\b/iu,
    'speaks of the care of someone close to them',
  ],
  [
    /chart|record|file|histor|notes|system|expediente|historial|registros|archivos/iu,
    'says the practice holds their health records',
  ],
  [
    /bill|balance|charge|payment|paid|owe|co-?pay|refund|invoice|statement|account|collections|deductible|credit|waive|reimburs|factura|cuenta|saldo|pago|cobr|copago|deducible/iu,
    'speaks of their bill or account with the practice',
  ],
  [
    /insurance|claim|eob|explanation\s+of\s+benefits|auth|seguro|autorizaci/iu,
    'speaks of their insurance claim with the practice',
  ],
  [
    /result|lab|scan|x-?ray|mri|biops|test|blood\s*work|blood|sample|specimen|swab|level|reading|vitals|a1c|ultrasound|culture|an[aá]lisis|estudios|muestra|resultados|laboratorio/iu,
    'speaks of tests the practice ran for them',
  ],
  [
    /prescri|medic|meds|refill|dos(?:e|age|is)|inhal|pill|insulin|antibiotic|receta|pastillas/iu,
    'speaks of medicine the practice gave them',
  ],
  [
    /surger|procedure|treat|therap|operat|stitch|diagnos|condition|recover|heal|knee|hip|back|tooth|teeth|shoulder|wound|cast|crown|filling|root\s+canal|implant|braces|vaccin|shot|injection|better|cirug|tratamiento|diagn|vacuna|rodilla|herida|mejor/iu,
    'speaks of their treatment or health',
  ],
  [
    /visit|appointment|appt|came|come|coming|stopped|check|seen|saw|see|here|with\s+us|consult|exam|physical|follow|stay|admi|discharg|room|wait|fit|book|schedul|cita|visita|consulta|vino|estuvo|espera|atend/iu,
    'says they came to the practice for care',
  ],
];

function whatItConfirms(excerpt: string): string {
  for (const [re, says] of CONFIRMS) if (re.test(excerpt)) return says;
  return 'speaks of something the practice did for them';
}

/** Tier 2's advice: the practice's approved generic reply, with its own contact details. */
function genericSuggestion(org: CheckOrganisation): string {
  const phone = org.phones[0];
  const email = org.emails[0];
  const template = REPLY_TEMPLATES.find((t) => t.id === 'complaint-offline');
  const example =
    template && phone && email
      ? fillTemplate(template.text, { phone, email })
      : `Thank you for reaching out. Privacy law keeps us from talking about anyone's care here. ${
          phone || email ? `Please contact us at ${phone ?? email}.` : 'Please call the practice.'
        }`;
  return `Say only what is true for everyone, for example: “${example}” Or start from an approved reply wording.`;
}

export function replyGuardFindings(field: string, text: string, org: CheckOrganisation): Finding[] {
  const out: Finding[] = [];
  const contact = org.phones[0] ?? org.emails[0] ?? null;
  const suggestion =
    'Use a generic reply: thank them, say privacy law keeps you from discussing anyone’s care here, and ' +
    (contact
      ? `ask them to contact the practice at ${contact}.`
      : 'give the practice’s phone number or e-mail.');
  const add = (start: number, end: number, message: string, advice = suggestion) => {
    if (out.some((f) => f.span && overlaps(f.span, { start, end }))) return;
    out.push(finding('reply.patient_relationship', 'block', field, text, start, end, message, advice));
  };
  const confirms = (start: number, end: number) => {
    const excerpt = text.slice(start, end);
    add(start, end, `“${excerpt}” ${whatItConfirms(excerpt)}: in public, that confirms they are a patient.`);
  };
  // Tier 1: wording that says exactly what it confirms.
  const staff = staffServicePattern(org);
  for (const re of staff ? [...ALL_PATTERNS, staff] : ALL_PATTERNS) {
    for (const m of matchesOf(re, text)) {
      const value = m[0].replace(/\s+$/, '');
      if (re === YOUR_THING_PATTERN && callToAction(text, m.index, value)) continue;
      confirms(m.index, m.index + value.length);
    }
  }
  for (const re of [GREETING, THANKS_NAME, VOCATIVE]) {
    for (const m of matchesOf(re, text)) {
      const start = m.index + m[0].lastIndexOf(m[1]);
      const words = m[1].split(/\s+/).filter((w, i) => i === 0 || /^\p{Lu}/u.test(w));
      const name = words.join(' ');
      const titled = /^(?:mr|mrs|ms|miss|mx|sr|sra|srta|don|doña)\.?$/i.test(words[0]);
      const givenWord = titled ? words[1] : words[0];
      // "…, Ms." with no name after the title ("Ms. Okonkwo-Reyes" is found by TITLED)
      if (givenWord === undefined) continue;
      const given = givenWord.toLowerCase();
      if (!/^\p{Lu}/u.test(givenWord)) continue;
      if (!titled && !FIRST_NAMES.has(given)) continue;
      if (!titled && words.length < 2 && AMBIGUOUS_FIRST_NAMES.has(given)) continue;
      add(start, start + name.length, NAMED);
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
        `“${m[0]}” with a health matter speaks of the care of someone close to them: in public, that confirms the practice cares for them.`,
      );
  }
  for (const m of matchesOf(TITLED, text)) add(m.index, m.index + m[0].length, NAMED);
  // Tier 2: any clause about someone's care or account that no wording above matched in.
  const generic = genericSuggestion(org);
  for (const s of personalCareSentences(text, careSentenceScope(org))) {
    add(s.start, s.end, TIER_TWO_MESSAGE, generic);
  }
  return out.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

const NAMED =
  'This names the person: a name in the practice’s public reply ties them to the practice as a patient.';

/** Tier 2's message (the broad structural check). */
export const TIER_TWO_MESSAGE =
  "This sentence talks about someone's care or account; in public, say only what is true for everyone — or use an approved reply wording.";
