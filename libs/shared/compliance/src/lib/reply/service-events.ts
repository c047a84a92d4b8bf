import type { CheckOrganisation } from '../check-types';
import { unicodeWords } from '../text/text-scope';

/**
 * The reply guard's semantic classes: ways a reply tells the world that the practice has already
 * served the person, without saying "your visit". Each pattern is built from word classes, not
 * from sentences:
 *
 * - a past service event done to "you" — care (saw, treated, drew your blood), scheduling
 *   (rescheduled you, couldn't fit you in, checking you in), billing (charged you), or a
 *   missed follow-up ("nobody called you back", "should have kept you updated");
 * - a member of staff as the one who did it ("the exercises Sam showed you", "the nurse who drew
 *   your blood");
 * - "the" + an event of theirs pinned to a time ("the balance from the March visit", "at the last
 *   check"), a result with its outcome ("the results were normal"), an account or order handled
 *   ("sorted out the prior authorization", "the balance has been adjusted");
 * - a body part healing, "next time you're in";
 * - the same in Spanish ("la enfermera que la atendió", "después del tratamiento", "ya se siente
 *   mejor", "la espera del martes").
 *
 * A future or conditional offer ("we can check you in online", "we'd love to see you") is not an
 * event and passes.
 */

const YOU = String.raw`(?:you|your)`;

/** Verbs (base form) for what a practice does to a patient, with the particle some of them need. */
const SERVICE_BASE = String.raw`(?:see|treat|examine|admit|discharge|schedule|reschedule|rebook|bill|charge|overcharge|refund|refer|prescribe|vaccinate|test|screen|weigh|triage|room|register|diagnose|operate\s+on|stitch\s+up|x-?ray|inject)\s+you\b|(?:check|fit|squeeze|get|work|call|send|turn|keep|bump|put|take|move|rush|leave)\s+you\s+(?:in|out|back|home|away|waiting|updated|informed|posted|in\s+the\s+loop|on\s+hold|on\s+the\s+(?:schedule|waitlist|wait\s+list)|to\s+another\s+(?:day|time|provider|doctor))\b|(?:get|got)\s+back\s+to\s+you\b|return\s+your\s+(?:call|calls|message|messages)\b|draw\s+your\s+blood\b`;

/** The same verbs in the past tense or as participles. */
const SERVICE_PAST = String.raw`(?:saw|seen|treated|examined|admitted|discharged|scheduled|rescheduled|rebooked|billed|charged|overcharged|refunded|referred|prescribed|vaccinated|tested|screened|weighed|triaged|roomed|registered|diagnosed|operated\s+on|stitched\s+up|x-?rayed|injected)\s+you\b|(?:checked|squeezed|got|worked|called|sent|turned|kept|bumped|took|taken|moved|rushed|left)\s+you\s+(?:in|out|back|home|away|waiting|updated|informed|posted|in\s+the\s+loop|on\s+hold|on\s+the\s+(?:schedule|waitlist|wait\s+list)|to\s+another\s+(?:day|time|provider|doctor))\b|(?:got|gotten)\s+back\s+to\s+you\b|returned\s+your\s+(?:call|calls|message|messages)\b|(?:drew|drawn|took|taken)\s+your\s+(?:blood|vitals|temperature|blood\s+pressure|sample|swab|x-?rays?)\b`;

/** Told, called, informed: part of a service only when it was owed ("should have told you"). */
const OWED_PAST = String.raw`(?:told|called|informed|warned|updated|notified|contacted|explained\s+(?:this|that|it)\s+to|reminded)\s+you\b`;

/** "couldn't fit you in", "had to reschedule you", "never called you back". */
const MISSED_BEFORE = String.raw`(?:couldn['’]t|could\s+not|didn['’]t|did\s+not|never|wasn['’]t\s+able\s+to|weren['’]t\s+able\s+to|was\s+unable\s+to|were\s+unable\s+to|had\s+to|failed\s+to|forgot\s+to|neglected\s+to|tried\s+to)`;

/** Who did it, when it is staff: "the nurse", "our front desk", "Dr. Kim", "nobody". */
const ROLE = String.raw`(?:nurses?|doctors?|providers?|physicians?|surgeons?|hygienists?|therapists?|physical\s+therapists?|pts?|receptionists?|front\s+desk|schedulers?|billers?|billing\s+(?:team|office|department)|lab|phlebotomists?|techs?|technicians?|assistants?|medical\s+assistants?|mas?|nps?|pas?|team|staff|office|midwife|dentist|pharmacist)`;
const STAFF_SUBJECT = String.raw`(?:(?:the|our)\s+(?:[\w-]+\s+)?${ROLE}|(?:dr|dra|doctor|doctora|nurse)\.?\s+\p{Lu}[\p{L}'’-]+)`;
/** Nobody (a follow-up owed) or someone (a service done). */
const NOBODY = String.raw`(?:nobody|no\s+one|no-one)`;
const SOMEONE = String.raw`(?:someone|somebody)`;
/** What a member of staff does to a patient (broader than for "we": a named clinician telling you something is care). */
const STAFF_PAST = String.raw`(?:saw|seen|treated|examined|showed|shown|gave|given|told|taught|prescribed|recommended|ordered|drew|drawn|took|taken|checked|helped|called|referred|sent|started|switched|scheduled|rescheduled|booked|billed|charged|refunded|vaccinated|tested|weighed|admitted|discharged|diagnosed|operated\s+on|stitched\s+up|asked|explained\s+to|went\s+over|walked|fitted|measured|cleaned|numbed|injected|wrapped|splinted)\s+${YOU}\b`;

/** Events of theirs that "the" can point at, and the words that pin one to a time. */
const EVENT_NOUN = String.raw`(?:visit|appointment|appt|procedure|surgery|operation|exam|check|check-?up|physical|consult|consultation|follow-?up|test|tests|labs?|lab\s+work|blood\s*work|blood\s+draw|biopsy|scan|x-?rays?|mri|ultrasound|mammogram|colonoscopy|shot|injection|infusion|cleaning|filling|extraction|stay|admission|discharge|delivery)`;
const TIME_WORD = String.raw`(?:last|latest|recent|earlier|previous|same-?day|morning|afternoon|evening|early|late|walk-?in|\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?|yesterday['’]s|today['’]s|last\s+week['’]s|this\s+morning['’]s)`;
/** Results and readings, and what they turned out to be. */
const RESULT_NOUN = String.raw`(?:results?|test\s+results?|labs?|lab\s+results?|lab\s+work|blood\s*work|biopsy|scan|x-?rays?|mri|images|culture|swab|screening|mammogram|pathology|levels|readings)`;
const OUTCOME = String.raw`(?:back|normal|clear|negative|positive|fine|good|great|ready|in|abnormal|elevated|high|low|better|worse|okay|ok|benign|unremarkable|stable|improved)`;
/** Accounts and orders of theirs that staff handle. */
const ACCOUNT_NOUN = String.raw`(?:bill|balance|charges?|claim|(?:prior\s+|pre-?)?auth(?:orization)?|referral|refill|prescription|statement|copay|co-pay|payment|invoice|lab\s+order|order)`;
const HANDLED = String.raw`(?:sorted\s+out|fixed|corrected|adjusted|processed|submitted|resubmitted|approved|denied|resolved|handled|filed|re-?filed|waived|credited|reversed|wrote\s+off|written\s+off|removed|sent|faxed|forwarded|transferred|released|renewed|called\s+in|phoned\s+in|refilled|cleared|rebilled|re-?billed|refunded|reprocessed|appealed)`;

const BODY = String.raw`(?:knee|knees|hip|hips|back|shoulder|neck|ankle|wrist|arm|leg|foot|feet|elbow|finger|toe|hand|incision|cut|wound|stitches|scar|burn|rash|fracture|break|sprain|tooth|gums|jaw|eye|ear)`;
/** The same without words that are also everyday words ("happy to see the back of winter"). */
const BODY_STRICT = String.raw`(?:knee|knees|hip|hips|shoulder|neck|ankle|wrist|arm|leg|foot|feet|elbow|finger|toe|incision|wound|stitches|scar|burn|rash|fracture|sprain|tooth|gums|jaw)`;
const BODY_ES = String.raw`(?:rodilla|cadera|espalda|hombro|cuello|tobillo|mu[nñ]eca|brazo|pierna|pie|herida|puntos|cicatriz|diente|muela|presi[oó]n|az[uú]car|tos|fiebre)`;

const SPANISH_SERVICE = String.raw`(?:atendi[oó]|atendimos|atendieron|trat[oó]|tratamos|trataron|examin[oó]|examinamos|examinaron|oper[oó]|operamos|operaron|llam[oó]|llamamos|llamaron|cit[oó]|citamos|citaron|reprogramamos|reprogram[oó]|reprogramaron|cobr[oó]|cobramos|cobraron|facturamos|factur[oó]|recet[oó]|recetamos|vacun[oó]|vacunamos|vacunaron|revis[oó]|revisamos|revisaron|internamos|internaron|ingresamos|ingresaron|remitimos|referimos|refiri[oó]|inyect[oó]|pes[oó]|registramos|dimos\s+de\s+alta|dio\s+de\s+alta|dieron\s+de\s+alta|hicimos\s+esperar|hicieron\s+esperar|tuvimos\s+esperando)`;
const SPANISH_EVENT = String.raw`(?:tratamiento|cirug[ií]a|operaci[oó]n|procedimiento|cita|visita|consulta|parto|vacuna|terapia|examen|an[aá]lisis|estudios?|radiograf[ií]a|ultrasonido|biopsia|inyecci[oó]n|limpieza|extracci[oó]n|ingreso|alta)`;
const SPANISH_TIME = String.raw`(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|ayer|hoy|esta\s+ma[nñ]ana|la\s+semana\s+pasada|el\s+otro\s+d[ií]a|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)`;

export const SERVICE_EVENT_PATTERNS: readonly RegExp[] = [
  // "we rescheduled you", "nobody checked you in", "the desk kept you waiting" — the "we"/staff
  // subject is optional: a past service verb with "you" as its object is an event either way.
  String.raw`\b(?:${SERVICE_PAST})`,
  String.raw`\b${MISSED_BEFORE}\s+(?:${SERVICE_BASE})`,
  // "should have kept you updated", "should have told you"
  String.raw`\b(?:should|shouldn['’]t|could|would|must|might|ought\s+to)\s+(?:not\s+)?have\s+(?:${SERVICE_PAST}|${OWED_PAST})`,
  // "before checking you in", "while treating you"
  String.raw`\b(?:checking|fitting|squeezing|working|getting)\s+you\s+in\b|\b(?:treating|examining|rescheduling|billing|charging|rooming|triaging|discharging|admitting|vaccinating|weighing)\s+you\b`,
  // "Dr. Kim saw you", "the nurse gave you", "nobody called you back", "someone checked you in"
  String.raw`\b${STAFF_SUBJECT}\s+(?:(?:had|has|have|just|already|personally|also|then|never)\s+){0,2}(?:${STAFF_PAST}|${OWED_PAST}|(?:got|gotten)\s+back\s+to\s+you\b|returned\s+your\s+calls?\b)`,
  String.raw`\b${NOBODY}\s+(?:(?:had|has|ever|actually|from\s+(?:our|the)\s+(?:office|team|desk|clinic))\s+){0,2}(?:${SERVICE_PAST}|${OWED_PAST}|(?:got|gotten)\s+back\s+to\s+you\b|returned\s+your\s+calls?\b)`,
  String.raw`\b${SOMEONE}\s+(?:(?:had|has|just|already)\s+)?(?:${SERVICE_PAST})`,
  // "the nurse who drew your blood", "the doctor that examined you", "whoever checked you in"
  String.raw`\b(?:who|that|whoever)\s+(?:had\s+|has\s+)?(?:${SERVICE_PAST})`,
  String.raw`\b${ROLE}\s+(?:who|that)\s+(?:had\s+|has\s+)?(?:${STAFF_PAST}|${OWED_PAST})`,
  // "from the March visit", "at the last check", "during the procedure"
  String.raw`\b(?:from|at|during|after|before|since|for|about|of|with)\s+(?:the|that|this)\s+(?:${TIME_WORD}[\s,-]+){1,2}${EVENT_NOUN}\b`,
  // "the results were normal", "the biopsy came back clear"
  String.raw`\b(?:the|your|those|these)\s+${RESULT_NOUN}\s+(?:(?:all|both|finally|just|already|now)\s+)?(?:were|was|are|is|came|come|have\s+come|look|looked|looks|showed|show|returned|turned\s+out)\s+(?:(?:all|completely|totally|mostly|perfectly|totally|back|a\s+bit|slightly|very|just)\s+)?${OUTCOME}\b`,
  // "sorted out the prior authorization", "we've resubmitted the claim"
  String.raw`\b${HANDLED}\s+(?:the|your|that)\s+(?:[\w-]+\s+){0,2}?${ACCOUNT_NOUN}\b`,
  // "the balance from the March visit has been adjusted"
  String.raw`\b(?:the|your|that)\s+(?:[\w-]+\s+)?${ACCOUNT_NOUN}\s+(?:[\w'’-]+\s+){0,5}?(?:has|have|had)\s+(?:(?:now|already|since|just|all)\s+)?been\s+${HANDLED}\b|\b(?:the|your|that)\s+(?:[\w-]+\s+)?${ACCOUNT_NOUN}\s+(?:was|were|is\s+being|is\s+now)\s+${HANDLED}\b`,
  // "emailed the forms like you asked"
  String.raw`\b(?:sent|emailed|e-mailed|mailed|faxed|forwarded|texted|uploaded)\s+(?:[^.!?\n]|[.!?](?=\S)){0,80}?\s(?:like|as)\s+you\s+(?:asked|requested)\b`,
  // "glad to hear the knee is healing"
  String.raw`\b(?:the|that|your)\s+${BODY}\s+(?:is|are|was|has\s+been|seems?\s+to\s+be|looks?|feels?)?\s*(?:still\s+|finally\s+|already\s+)?(?:healing|healed|recovering|improving|getting\s+better|feeling\s+better|doing\s+better|on\s+the\s+mend)\b`,
  String.raw`\b(?:glad|sorry|happy|relieved|thrilled)\s+(?:to\s+(?:hear|see|know)\s+)?(?:that\s+)?(?:the|your)\s+${BODY_STRICT}\b`,
  // "next time you're in", "when you're back in"
  String.raw`\bnext\s+time\s+you(?:['’]re|\s+are)?\s+(?:in|here|back|come\s+in|stop\s+in|visit\s+(?:us|our\s+office|the\s+office))\b(?!\s+(?:the\s+)?(?:area|town|neighbou?rhood|city|park|market|building))|\byou(?:['’]re|\s+are)\s+(?:in|here|back)\s+next\b|\b(?:when|once)\s+you(?:['’]re|\s+are)\s+back\s+in\b`,
  // "the long wait on Tuesday", "your wait"
  String.raw`\bthe\s+(?:long\s+|two-hour\s+|hour-long\s+)?wait\s+(?:on\s+\w+day|yesterday|last\s+\w+)\b`,
  // Spanish: "la enfermera que la atendió", "no le devolvimos la llamada"
  String.raw`\b(?:lo|la|le|los|las)\s+${SPANISH_SERVICE}\b`,
  String.raw`\b(?:no\s+)?(?:le|lo|la)\s+(?:devolvimos|devolvieron|regresamos|regresaron)\s+(?:la|su|sus)\s+llamadas?\b`,
  String.raw`\b(?:despu[eé]s|antes|desde)\s+(?:de\s+su|de\s+tu|de\s+sus|de\s+tus)\s+(?:\p{L}+\s+)?${SPANISH_EVENT}\b|\b(?:despu[eé]s|antes|desde|durante)\s+(?:del|de\s+la)\s+${SPANISH_EVENT}\s+(?:del|de\s+la|de\s+este|de\s+esta|de)?\s*${SPANISH_TIME}\b`,
  String.raw`\b(?:la|su|tu)\s+(?:larga\s+)?(?:espera|cita|visita|consulta)\s+(?:del|de\s+el|de\s+la|de\s+este|de\s+esta)?\s*${SPANISH_TIME}\b`,
  String.raw`\b(?:ya\s+)?(?:se\s+siente|te\s+sientes|se\s+encuentra|te\s+encuentras)\s+(?:mucho\s+)?mejor\b`,
  String.raw`\b(?:su|tu|sus|tus)\s+(?:espera|estudios|laboratorios|muestras?|copago|deducible|autorizaci[oó]n|referencia|referido|inyecci[oó]n|dosis|pastillas|inhalador|insulina)\b`,
  // "su rodilla va mejor", "la herida está sanando"
  String.raw`\b(?:su|tu|la|el)\s+${BODY_ES}\s+(?:ya\s+)?(?:est[aá]|sigue|va|se\s+ve|luce|se\s+siente)\s+(?:mucho\s+)?(?:mejor|sanando|bien|mejorando|sana)\b`,
].map((source) => unicodeWords(new RegExp(source, 'giu')));

/**
 * "the exercises Sam showed you": the practice's own staff (from its settings) as the ones who did
 * something to the person. Built once per organisation.
 */
const staffPatterns = new WeakMap<CheckOrganisation, RegExp | null>();

export function staffServicePattern(org: CheckOrganisation): RegExp | null {
  if (staffPatterns.has(org)) return staffPatterns.get(org) ?? null;
  const names = new Set<string>();
  for (const full of org.staffNames) {
    const words = full
      .replace(/,.*$/, '')
      .replace(/^(?:dr|dra|doctor|doctora|nurse)\.?\s+/i, '')
      .split(/\s+/)
      .filter((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w));
    for (const w of words) names.add(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const re =
    names.size === 0
      ? null
      : unicodeWords(
          new RegExp(
            String.raw`\b(?:${[...names].join('|')})\s+(?:(?:had|has|have|just|already|personally|also)\s+)?(?:${STAFF_PAST}|${OWED_PAST})`,
            'gu',
          ),
        );
  staffPatterns.set(org, re);
  return re;
}
