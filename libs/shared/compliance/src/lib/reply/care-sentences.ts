import type { CheckOrganisation } from '../check-types';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from '../phi/first-names';
import { CLINICAL_CONTEXT, NOT_A_PERSON_AFTER, NOT_A_PERSON_BEFORE } from '../phi/clinical-words';
import { normaliseStaffName } from '../phi/organisation-details';
import { sentenceAround, unicodeWords } from '../text/text-scope';

/**
 * The reply guard's second tier: a broad structural check. Wording lists (tier 1, reply-guard.ts
 * and service-events.ts) say exactly what they found but miss new wording; this tier flags every
 * clause of a reply that
 *
 *   1. speaks of care, a service, an account, a visit or staff (TOPIC), and
 *   2. is tied to the reader or a particular person ("you", "she", "your son", a name) or to one
 *      particular occasion (a time, something done or changed, a reaction to it, "that charge",
 *      "the new inhaler") (ANCHOR),
 *
 * unless it speaks of everyone ("anyone's", "our patients", "most plans", privacy wording).
 *
 * What makes a generic reply pass is structure, not a list of its sentences: before the test, the
 * parts of a clause that are the same in every reply are blanked out — the practice's (or any)
 * contact details, invitations to get in touch ("call our billing team at …", "send us a private
 * message"), thanks, apology and invitation formulas ("thanks for the kind words", "we're sorry to
 * hear this", "we'd love to hear from you", "happy to help"). An instruction anyone may follow
 * ("Book your flu shot online"), a case anyone may be in ("If your bill looks wrong…") and an offer
 * ("we can see you the same day") do not count "you" as a particular person — but a time, a thing
 * done or "that charge" in them still counts.
 */

const f = (parts: string[]) => parts.join('|');

/** Care, services, accounts, visits and staff (with the PHI check's clinical words). */
const TOPIC = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        // specialists, symptoms, procedures and forms of medicine, as classes
        String.raw`(?:cardi|dermat|onc|neur|ur|gastroenter|endocrin|rheumat|pulmon|nephr|audi|radi|anesthesi|ophthalm|hemat|immun|allerg)o?logists?|allergists?|podiatrists?|optometrists?|orthodontists?|periodontists?|endodontists?|psychiatrists?|psychologists?|dietitians?|nutritionists?|counsel(?:l)?ors?|chiropractors?|cough\w*|sneez\w*|wheez\w*|congest\w*|runny\s+nose|sore\s+throat|vomit\w*|diarrh\w*|constipat\w*|chills|hives|bleed\w*|faint\w*|tingl\w*|spasms?|insomnia|short(?:ness)?\s+of\s+breath|splinters?|blisters?|stings?|bites?|strains?|lumps?|warts?|cysts?|acne|eczema|psoriasis|sunburn|earache|toothache|pink\s*eye|lice|numb(?:ing|ed)?|anesthe\w*|sedat\w*|sutur\w*|bandag\w*|splint\w*|drain\w*|extract\w*|drill\w*|tonsils?|tonsillectomy|adenoids?|appendix|gallbladder|hernia|cataracts?|colonoscop\w*|endoscop\w*|mammogra\w*|vasectom\w*|epidural|transfusion|syrup|tablets?|capsules?|spray|shampoo|steroids?|prednisone|amoxicillin|ibuprofen|tylenol|motrin|zyrtec|claritin|epi-?pen|vision|eyesight|teeth|tooth|gums|molars?|knees?|hips?|shoulders?|ankles?|wrists?|elbows?|spine|sinuses|lungs?|kidneys?|liver|bladder|prostate|skin|joints?`,
        String.raw`(?:time\s+)?slots?|no-?show|swap(?:ped)?\s+(?:your|the|you)|line\s+items?|write-?off|card\s+on\s+file|(?:all\s+)?clear(?:ed)?\s+(?:to|for)\s+(?:go|return|play|swim|work|school|sports|practice|exercise|lift|drive|fly)|cleared\s+(?:you|him|her)|return\s+to\s+(?:play|work|school|sports)`,
        String.raw`visits?|appointments?|appts?|(?:the|a|your|long|hour-long|\d+-\w+)\s+wait|waited(?!\s+on\s+(?:hold|the\s+phone))|ran\s+(?:late|behind)|running\s+(?:late|behind)|behind\s+schedule|clinic|birth|waiting\s+(?:room|area|list|for\s+(?:a|an|the|your)\s+\w+)|wait\s+times?|front\s+desk|reception(?:ist)?|check-?in|checked\s+in|schedul(?:e|ed|ing|er)|re-?schedul\w*|booked|double-?booked|overbooked|rebooked|waitlist|wait\s+list|walk-?ins?|same[-\s]day|follow-?ups?|check[-\s]?ins?|(?:bump|bumped|move|moved|fit|squeeze|squeezed|get|got|slot|slotted|book|put|switch|switched)\s+(?:you|u|him|her|them)\s+(?:in|into|to|for|on|up|over|back)|records?|chart|file|portal\s+message`,
        String.raw`bandages?|dressings?|panel|thyroid|notes|techs?|technicians?|specialist['’]?s?|inhalers?|spacer|nebuli[sz]er|tubes|therapy|pts?|e-?scripts?|scripts?|rx|pharmacy|samples?|specimens?|swabs?|labs?|lab\s+slip|exam\s+room|exams?|check-?ups?|(?:\d+|one|two|three|four|six|eight|nine|twelve|eighteen)[-\s](?:month|week|year|day)s?(?:[-\s]old)?\s+(?:check|check-?up|visit|shots?|appointment|appt)|med\s+list|medication\s+list|the\s+dr|iv|i\.v\.|drip|catheter|needle|vein|bp|blood\s+pressure|cholesterol|weight|pulse|heart\s+rate|oxygen|temp(?:erature)?|cuff|monitor|brace|splint|boot|crutches|sling|shots?|jabs?|vaccines?|meds|medicine|antibiotics?|pills?|refills?|doses?|results?|tests?|scans?|x-?rays?|mri|bloodwork|blood\s+draw|mole|cast|stitches|sutures|wound|incision|cavity|filling|crown|cleaning|braces|retainer|glasses|hearing\s+aids?|creams?|ointments?|drops|lotion|patch|gel|pump|cpap|sugars?|glucose|readings|levels|reactions?|side\s+effects?|headaches?|rash|infections?|fever|swelling|sprain|infusions?|chemo|fees?`,
        // symptoms, illnesses and how someone is doing
        String.raw`sore|soreness|achy|aches?|dizzy|dizziness|nausea|nauseous|bruis\w+|swollen|stiffness|itch\w*|numbness|cramps?|fatigue|flu|cold|covid|strep|virus|stomach\s+bug|bronchitis|sinus\w*|uti|migraines?|(?:sore|achy|aching|bad|broken|sprained|swollen|stiff|injured|bruised|itchy|numb)\s+(?:\w+\s+)?(?:arms?|legs?|back|neck|knees?|hips?|shoulders?|ankles?|wrists?|foot|feet|throat|tooth|jaw|eyes?|ears?|hands?|fingers?|toes?|muscles?|joints?)|(?:doing|feeling|feeding|sleeping|breathing|eating|walking|moving|getting)\s+(?:much\s+|a\s+lot\s+|so\s+much\s+|a\s+bit\s+|way\s+)?(?:better|worse|easier|stronger)|on\s+the\s+mend|recovering|healing|(?:take|took|taking|takes)\s+care\s+of|car(?:e|ed|ing)\s+for`,
        String.raw`duele|doli[oó]|dolor|espalda|rodilla|brazo|pierna|tos|fiebre|mareos?|herida|presi[oó]n|az[uú]car|gripe|resfriado|mejor[ií]a|recuper\w+`,
        String.raw`doctor['’]s\s+note|work\s+note|school\s+note|note\s+for\s+(?:work|school)|paperwork|forms?|referrals?|prior\s+auth(?:orization)?|authori[sz]ation|pre-?auth|letter\s+for`,
        String.raw`claims?|balance|credit|charged?|charges|statement|refund(?:ed)?|collections|payment|invoice|overcharged?|double[-\s]charged?|copay|co-pay|deductible|billing|bill|billed|eob|insurance|insurer|coverage`,
        String.raw`dr\.?\s+\p{Lu}[\p{L}'’-]+|dra\.?\s+\p{Lu}[\p{L}'’-]+|doctors?|nurses?|providers?|hygienists?|therapists?|pharmacists?|dentists?|surgeons?|midwife|pediatrician|np|pa|rn|physician|staff|care\s+team|nursing\s+team|billing\s+team|medical\s+assistants?|phlebotomist|sonographer|radiologist`,
        // a relative or child of theirs is someone whose care it may be
        String.raw`(?:your|su|tu)\s+(?:son|daughter|child|kids?|kiddo|baby|toddler|newborn|twins|little\s+one|mom|mother|dad|father|husband|wife|partner|grandma|grandmother|grandpa|grandfather|hij[oa]s?|beb[eé]|mam[aá]|pap[aá]|espos[oa])|the\s+little\s+(?:one|guy|girl)`,
        String.raw`cobro|cobraron|reembolso|factura|cuenta|saldo|receta|farmacia|estudios|muestras?|orden|papeles|citas?|consultas?|vacunas?|terapia|examen|resultados|an[aá]lisis|doctora?|enfermer[oa]s?|m[eé]dic[oa]s?|dra\.?\s+\p{Lu}\p{Ll}+|inhalador|pastillas|medicina|puntos|yeso|seguro|espera|recepci[oó]n`,
      ]) +
      String.raw`)\b`,
    'iu',
  ),
);

/** The reader, a particular person, someone close to them. */
const PERSON = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        String.raw`you|your|yours|yourself|u|ur|y['’]all|usted|su|sus|tu|tus|te|ti|contigo|le`,
        String.raw`(?:your|the|su|tu|el|la)\s+(?:son|daughter|child|kid|kiddo|baby|toddler|newborn|twins|little\s+(?:one|guy|girl|man|lady|miss)|mom|mother|dad|father|husband|hubby|wife|partner|grandma|grandpa|grandmother|grandfather|patient|hij[oa]|beb[eé]|mam[aá]|pap[aá]|espos[oa]|abuel[oa]|niñ[oa]|pequeñ[oa]|paciente)`,
        String.raw`\p{L}+(?:arle|erle|irle|arla|erla|irla|arlo|erlo|irlo)|little\s+(?:one|guy|girl|man|lady|miss)|mija|mijo|kiddo|baby(?!\s+boom)|grandpa|grandma|granny|nana|mom|dad|momma|mama|hubby`,
      ]) +
      String.raw`)\b`,
    'iu',
  ),
);

/** Someone spoken of: counted as a particular person unless the clause is about staff. */
const THIRD_PERSON = unicodeWords(/\b(?:he|she|him|her|his|hers|he['’]s|she['’]s|él|ella)\b/iu);
/** …but "saw her", "got him in": someone the practice did something for, whoever else is named. */
const SERVED_THIRD_PERSON = unicodeWords(
  /\b(?:see|saw|seen|treat|treated|check|checked|help|helped|fit|got|get|squeeze|squeezed|examine|examined|vaccinate|vaccinated|call|called|atendimos|vimos)\s+(?:him|her|them|lo|la)\b/iu,
);

/** A member of the practice's staff named or meant ("Dr. Chen", "our nurse"). */
const STAFF = unicodeWords(
  /\b(?:dr|dra|doctor|doctora|nurse)\.?\s+\p{Lu}|\b(?:our|the|nuestr[oa])\s+(?:[\w-]+\s+)?(?:doctors?|nurses?|providers?|team|staff|hygienists?|therapists?|pharmacists?|dentists?|surgeons?|midwife|pediatrician|physicians?|equipo|doctora?|enfermer[oa]s?)\b/iu,
);

/** One occasion in the past: a time of its own ("yesterday", "last week", "a few days ago"). */
const PAST_TIME = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        String.raw`yesterday|this\s+past\s+\w+|last\s+(?:week|month|night|time|visit|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier\s+today|the\s+other\s+day|recently|(?:the\s+)?(?:last|past)\s+(?:few|couple(?:\s+of)?|two|three|several|\d+)\s+(?:days|weeks|months)|(?:a\s+(?:few|couple(?:\s+of)?)|\d+|two|three|four|five)\s+(?:days?|weeks?|months?)\s+ago`,
        String.raw`ayer|anoche|la\s+semana\s+pasada|el\s+otro\s+d[ií]a|el\s+(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\s+pasado|hace\s+(?:unos|dos|tres|\d+)\s+d[ií]as`,
      ]) +
      String.raw`)(?![\p{L}\p{N}_])`,
    'iu',
  ),
);

/**
 * A time that may be the practice's own ("open late today", "flu clinic on Saturday"): it makes
 * an occasion of someone's only beside something that happened ("was", "came", "got").
 */
const NOW_TIME = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        String.raw`today|tonight|this\s+(?:morning|afternoon|evening)|earlier|so\s+quickly|so\s+fast|right\s+away|this\s+time|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|next\s+(?:month|week)['’]s|in\s+(?:two|three|four|six|\d+)\s+(?:weeks?|months?)`,
        String.raw`hoy|esta\s+(?:ma[nñ]ana|tarde|semana)|el\s+(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|tan\s+r[aá]pido`,
      ]) +
      String.raw`)(?![\p{L}\p{N}_])`,
    'iu',
  ),
);
const HAPPENED = unicodeWords(
  /\b(?:was|were|had|did|didn['’]t|wasn['’]t|weren['’]t|came|went|saw|got|took|left|told|gave|said|made|ran|felt|looked|seemed|needed|wanted|\p{L}+ed|fue|estuvo|vino|tuvo|hizo|\p{L}+(?:[oó]|i[oó]|amos|aron|ieron))\b/iu,
);

/** Something done, changed or finished, or something that happened to someone. */
const DONE = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        String.raw`next\s+time(?!\s+you\s+(?:need|want|have|are\s+sick|feel))|lost|misplaced|received|missing|rescheduled|rebooked|re-?booked|(?:bringing|brought)\s+(?:[\w'’-]+\s+){1,3}?in|re-?sent|resent|finished|completed|signed|approved|denied|mailed|faxed|mentioned|enjoyed|noticed|forgot|missed|fixed|corrected|cleared|waived|credited|refunded|adjusted|reversed|removed|processed|refiled|resubmitted|renewed|went\s+through|did\s+go\s+through|came\s+back|come\s+back|picked\s+up|dropped\s+off|showed\s+up|kicked\s+in|paid\s+off|went\s+away|gone\s+away|came\s+out|wore\s+off|went\s+(?:so\s+|really\s+)?(?:well|great|smoothly)|passed\s+(?:\w+\s+)?along|(?:is|are)\s+gone|clearing\s+up|(?:says|said|wants|wanted|asks|asked|recommends|recommended)\s+(?:that\s+)?(?:you|u|to)|(?:will|going\s+to|we['’]ll|i['’]ll|they['’]ll)\s+(?:\w+\s+)?(?:waive|credit|refund|reverse|remove|fix|correct|adjust|resend|re-?send|redo|re-?run|re-?submit|re-?file|write\s+off|take\s+off|look\s+into|check\s+on|follow\s+up\s+on|sort\s+out|get\s+(?:that|this|it)\s+sorted)|sorted(?:\s+out)?|straightened\s+out|cleared\s+up|took\s+care\s+of|handled|resolved|settled|subsided|healed|improved|went\s+down|gone\s+down|filled\s+(?:it|them)\s+out|filled\s+out|signed\s+off|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:really\s+|already\s+|finally\s+)?(?:helping|working)`,
        String.raw`(?:is|are|was|were)\s+(?:now\s+)?(?:ready|cleared|fixed|done|sorted|taken\s+care\s+of|on\s+(?:its|their)\s+way)|should\s+(?:show|appear|arrive)|won['’]t\s+be\s+(?:charged|billed)|will\s+(?:not\s+)?be\s+(?:credited|waived|refunded|reversed|removed|fixed)`,
        String.raw`(?:already|finally|just)\s+\p{L}+(?:ed|t|n)|(?:came|fell|got|broke|went)\s+(?:loose|off|out|undone|apart|infected|worse|sore|red|swollen)|(?:stopped|started)\s+\p{L}+ing|(?:said|says|mentioned|told\s+us)\s+(?:that\s+)?(?:you|she|he|they)|you\s+(?:were|was)\s+(?:worried|concerned|asking)|(?:asked|mentioned|called)\s+about|mistake\s+on\s+our\s+(?:end|part|side)|our\s+(?:mistake|error|fault|bad)|(?:have|having|had)\s+(?:you|your\s+\p{L}+)\s+in|look(?:ing)?\s+into|sort(?:ing)?\s+(?:it|that|this)\s+out|get\s+(?:it|that|this)\s+(?:fixed|sorted|corrected)`,
        String.raw`ya\s+\p{L}+(?:[oó]|i[oó]|aron|ieron|amos|imos)|firm[oó]|firmamos|hicimos|enviamos|recibi[oó]|recibimos|perdimos|cobramos|cobr[oó]|devolvimos|reembolsamos|corregimos|arreglamos|qued[oó]\s+list[oa]|est[aá]\s+list[oa]|est[aá]n\s+list[oa]s|le\s+(?:sirvi[oó]|funcion[oó]|ayud[oó])|ya\s+(?:est[aá]n?|lleg[oó]|sali[oó]|tiene|tenemos|no)|(?:dice|dijo|comenta|coment[oó]|avis[oó]|inform[oó]|pide|pidi[oó]|recomienda|recomend[oó]|quiere)\s+que|(?:todo\s+)?sali[oó]\s+(?:muy\s+)?(?:bien|perfecto|perfecta|excelente|genial)|debi[oó]|debimos|deber[ií]amos\s+haber`,
      ]) +
      String.raw`)(?![\p{L}\p{N}_])`,
    'iu',
  ),
);

/** A reaction to something that happened. */
const REACTION = unicodeWords(
  /\b(?:so\s+glad|glad|great\s+job|well\s+done|way\s+to\s+go|proud\s+of\s+(?:you|him|her)|miss\s+seeing|hopes|hoped|happy\s+(?:that|the|to\s+hear)|great\s+to\s+hear|(?:great|good|wonderful)\s+news\s+(?:on|about|that)|bummer|hang\s+in\s+there|rest\s+up|feel\s+better|get\s+well|speedy\s+recovery|fingers\s+crossed|sending\s+(?:hugs|love|good\s+vibes|healing)|oh\s+no|que\s+se\s+mejore|sorry|hope|hoping|congrats|congratulations|apologi[sz]e|apologies|relieved|thrilled|yay|phew|pedimos\s+disculpas|disculpe|lamentamos\s+(?:que|el|la|lo\s+de)|nos\s+alegra|qu[eé]\s+bueno\s+que|ojal[aá]|que\s+bueno)\b(?![,!.]?\s+(?:that\s+)?(?:our|we|we['’]re|we['’]ve|everyone|the\s+community)\b)/iu,
);

/**
 * "that charge", "the new inhaler", "the results": a definite thing of one person's care or
 * account. Vaccines by name, places and services ("the lab", "the flu shot", "the patient portal")
 * are not such things; nor is a noun used to name a line, a fee or a policy ("the appointment line").
 */
const INSTANCE = String.raw`(?:charges?|bill|balance|statement|invoice|claim|copay|co-pay|refund|payment|results?|sample|specimen|swab|scan|x-?rays?|mri|ultrasound|biopsy|prescription|script|e-?script|rx|refill|referral|authori[sz]ation|auth|pre-?auth|visit|appointment|appt|procedure|surgery|operation|stitches|sutures|cast|splint|brace|boot|inhaler|medication|meds|medicine|antibiotics?|cream|ointment|drops|syrup|spray|tablets?|pills?|iv|pump|cpap|monitor|meter|device|machine|dose|overcharge|line\s+items?|slot|splinter|numbing|paperwork|forms?|note|letter|records|chart|file|account|diagnosis|wound|incision|bandage|dressing|exam|cleaning|filling|crown|extraction|injection|infusion|lab\s+work|labs|bloodwork|blood\s+draw|test|tests|panel|order|eob|voicemail|mole|retainer|glasses|numbers|levels|readings|sugars?|pressure|reaction|side\s+effects?|symptoms|swelling|soreness|itch(?:ing)?|sneezing|coughing|wheezing|bleeding|dizziness|nausea|numbness|congestion|aches?|spots?|bump|lump|rash|cough|fever|infection|headaches?|pain|injury|cut|burn|sprain|fracture|break)`;
/** Something that went wrong, once: "the mix-up", "the billing error". */
const MISHAP = String.raw`(?:mix-?up|mistake|error|delay|issue|problem|hiccup|glitch|miscommunication|oversight|snafu|confusion\s+(?:with|about|over))`;
const COMPOUND_AFTER = String.raw`(?:line|lines|desk|hours|fee|fees|policy|policies|system|portal|team|office|department|reminders?|options?|process|schedule|times?|room|center|clinic|program|page|app)`;
/** Pointed at: "that charge", "those sugars", "the new inhaler", "the insurance mix-up". */
const POINTED = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      f([
        String.raw`(?:that|this|those|these)\s+(?:[\w'’-]+\s+){0,2}?(?:shots?|jabs?|vaccines?)(?!\s+${COMPOUND_AFTER}\b)`,
        String.raw`(?:that|this|those|these|the\s+new|the\s+same|the\s+extra|the\s+double|the\s+last)\s+(?:[\w'’-]+\s+){0,2}?(?:${INSTANCE}|knees?|hips?|shoulders?|ankles?|wrists?|back|neck|elbows?|foot|feet|tooth|teeth|arms?|legs?|fingers?|toes?|ears?|eyes?|throat|skin)(?!\s+${COMPOUND_AFTER}\b)`,
        String.raw`the\s+(?:[\w'’-]+\s+){0,2}?${MISHAP}`,
        String.raw`the\s+(?:[\w'’-]+\s+)?${INSTANCE}\s+(?:is|are|was|were|has|have|had|came|got|should|will|won['’]t|didn['’]t|did|went|worked|works|helped|helps|fit|fits|made|wore|you|for\s+(?:you|your|him|her))`,
        String.raw`(?:ese|esa|este|esta|esos|esas|el\s+nuevo|la\s+nueva|el\s+mismo|la\s+misma)\s+(?:\p{L}+\s+)?(?:cobro|cargo|factura|saldo|receta|inhalador|medicamento|resultados?|muestra|cita|consulta|examen|vacuna|pago|reembolso|orden|papeles|nota|carta|error|tratamiento|crema)|(?:el|los|la|las)\s+(?:cobro|cargo|resultados?|muestra|reembolso|receta)\s+(?:ya|est[aá]|fue|lleg[oó]|sali[oó]|del|de\s+la)|(?:la|el)\s+(?:confusi[oó]n|error|demora|retraso)\s+(?:con|de|del|en)`,
      ]) +
      String.raw`)(?![\p{L}\p{N}_-])`,
    'iu',
  ),
);
/** "about the overcharge", "the results": a definite thing of theirs, unless the clause is an instruction. */
const DEFINITE = unicodeWords(
  new RegExp(
    String.raw`\bthe\s+(?:[\w'’-]+\s+)?(?!(?:forms?|paperwork)\b)${INSTANCE}\b(?!\s+${COMPOUND_AFTER}\b)`,
    'iu',
  ),
);

/** Framed for everyone: a habit, a rule, a possibility, the practice's privacy duty. */
const GENERAL = unicodeWords(
  /\b(?:anyone|anyone['’]s|anybody|everyone|everyone['’]s|everybody|most|usually|typically|generally|in\s+general|normally|often|every\s+(?:day|morning|afternoon|evening|week|weekday|month|year|time|visit|patient)|each\s+(?:day|week|year|visit|patient)|a\s+year|per\s+year|(?:our|all|her|his|their|new|many|some|other)\s+patients|any\s+(?:[\w-]+\s+)?(?:doctor|provider|nurse|pharmacist|clinic|hospital|one|time|questions?)|(?:sees?|seeing|treats?|treating|welcomes?|welcoming)\s+(?:new\s+)?patients|patients\s+(?:can|may|who|should|need)|people\s+(?:who|can|often)|privacy\s+(?:law|laws|rules|reasons|policy)|for\s+(?:your|everyone['’]s|anyone['’]s)\s+privacy|hipaa|confidential(?:ity)?|can['’]t\s+(?:discuss|talk|share|comment|confirm|give)|cannot\s+(?:discuss|talk|share|comment|confirm|give)|(?:not|un)able\s+to\s+(?:discuss|talk|share|comment|confirm|give)|no\s+(?:\w+\s+)?(?:is\s+)?needed|accepting|all\s+the\s+\w+\s+out\s+there|happy\s+\w+\s+(?:week|day|month)|we\s+offer|cualquier|todos|nadie|privacidad|medical\s+advice|consejo\s+m[eé]dico)\b/iu,
);

/** Opening times and announcements: their time is the practice's, not the person's. */
const ANNOUNCEMENT = unicodeWords(
  /\b(?:open|opens|opening|closed|closes|close|closing|(?:about|around|under|over|less\s+than)\s+\d+\s+(?:minutes|mins|hours)|wait\s+times?|current\s+wait|clinics?|fairs?|events?|drives?|class(?:es)?|workshops?|open\s+house|screening\s+days?|pop-?ups?|seminars?|webinars?|festivals?|5k|available|in\s+stock|now\s+offering|offering|walk-?ins?\s+(?:are\s+)?welcome|hours|until\s+\d|from\s+\d|abierto|cerrado|disponibles?)\b/iu,
);

/** An instruction, a case anyone may be in, an offer: "you" here is anyone. */
const ANYONE_FRAME = unicodeWords(
  /^(?:(?:yes|yep|sure|absolutely|of\s+course|definitely|good\s+question|great\s+question|s[ií]|claro)[,!.]?\s+)?(?:(?:please|pls|plz|kindly|just|also|and)\s+)?(?:(?:you|u)\s+(?:can|could|may|might|will\s+(?:want|need))\s+(?:also\s+|always\s+)?|feel\s+free\s+to\s+|don['’]t\s+hesitate\s+to\s+|be\s+sure\s+to\s+|remember\s+to\s+|don['’]t\s+forget\s+to\s+|make\s+sure\s+to\s+)?(?:book|schedule|make|get|request|bring|fill\s+out|complete|pay|call|plan|sign\s+up|visit|check\s+out|stop\s+by|come\s+(?:in|by)|ask|send|message|email|e-mail|text|reach\s+out|log\s+in|sign\s+in|use|find|see|read|join|follow|download|upload|update|look\s+for|keep|wear|wash|drink|stay|take|avoid|let)\b|^(?:(?:yes|yep|sure|absolutely|of\s+course|definitely)[,!.]?\s+)?(?:(?:you|u)(?:\s+(?:will|would|may|might)|['’]ll|['’]d)|most\s+people)\s+(?:also\s+|probably\s+|just\s+|usually\s+)?(?:need|want|have\s+to)\b|^(?:if|whether|in\s+case|should\s+you|whenever|when\s+you\s+(?:need|want|have|are\s+ready)|once\s+you|before\s+you|anytime\s+you|any\s+time\s+you)\b|^(?:ya\s+)?(?:(?:puede|pueden|puedes|por\s+favor)\s+)?(?:reservar|reserve|hacer|haga|pedir|pida|solicitar|solicite|traer|traiga|pagar|pague|llamar|llame|ll[aá]menos|programar|programe|llenar|llene|completar|complete|agendar|agende|venir|venga|escr[ií]banos|env[ií]enos|revise|tome|mida|anote|lleve|siga|use|evite|beba|l[aá]vese|consulte|pregunte|visite|descargue|inscr[ií]base|reg[ií]strese|vac[uú]nese)\b|^si\s/iu,
);

/** Offers: what the practice can do for anyone who asks ("we can see you the same day"). */
const OFFER_YOU = unicodeWords(
  /\b(?:we|i|our\s+(?:[\w-]+\s+){0,2}?(?:team|staff|office|nurses?|doctors?|providers?)|someone|a\s+(?:manager|nurse|member\s+of\s+our\s+team))(?:\s+(?:can|would|will|are\s+(?:happy|glad)\s+to)|['’](?:d|ll)|['’]re\s+(?:happy|glad)\s+to)(?:\s+(?:also|always|gladly|usually))?(?:\s+be\s+(?:happy|glad)\s+to|\s+love\s+to|\s+like\s+to)?\s+(?:help|see|assist|welcome|get|fit|find|answer|call|reach|contact|meet|talk\s+(?:to|with)|chat\s+with|follow\s+up\s+with|get\s+back\s+to|walk|take\s+care\s+of|care\s+for)\s+(?:you|u)\b/giu,
);

/** The same offers, found in the text as written. */
const OFFER_SEEN = new RegExp(OFFER_YOU.source, 'iu');

/** "so you can come before work": what anyone can do. */
const YOU_CAN = unicodeWords(
  /\b(?:you|u)(?=\s+(?:can|may|could|might|are\s+welcome|['’]re\s+welcome|will\s+(?:need|want|be\s+able)|['’]ll\s+(?:need|want|be\s+able))\b)/giu,
);

/**
 * Parts of a reply that are the same in every reply: blanked out (same length, so spans still
 * point into the text) before TOPIC and ANCHOR are looked for.
 */
const GENERIC_PARTS: ReadonlyArray<readonly [RegExp | null, RegExp]> = [
  // contact details: phone numbers, e-mail addresses, web addresses, 911 / 988
  [/\d/, /\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\b\d{3}-\d{4}\b|\b(?:911|988|9-1-1|311|211)\b/gu],
  [/@/, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu],
  [
    /\.\w/,
    /\b(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|example|health|care|clinic|us|gov|edu|info|io|co)(?:\/[^\s]*)?/giu,
  ],
  // invitations to get in touch, with whom: "call our billing team", "send us a private message"
  [
    null,
    unicodeWords(
      /\b(?:(?:please|kindly|just)\s+)?(?:(?:give|gives)\s+us\s+a\s+(?:call|ring|shout)|call|phone|text|e-?mail|message|dm|pm|contact|reach(?:\s+out)?(?:\s+to)?|get\s+in\s+touch(?:\s+with)?|send\s+(?:us\s+)?(?:a|an)\s+(?:[\w-]+\s+)?(?:message|dm|note|e-?mail|line)|drop\s+us\s+a\s+(?:line|note|message)|ask\s+for|ask|speak\s+(?:to|with)|talk\s+(?:to|with)|chat\s+with|llame|ll[aá]menos|escr[ií]banos|comun[ií]quese(?:\s+con)?|env[ií]enos\s+un\s+mensaje|hable\s+con)\s*(?:(?:us|nosotros)\b|(?:(?:to|with|al|a|con)\s+)?(?:our|the|a|an|nuestro|nuestra|el|la|un|una)\s+(?:[\w-]+\s+){0,3}?(?:team|office|manager|advocate|line|department|desk|staff|nurse|nurses|coordinator|officer|specialist|clinic|practice|representative|person|member|equipo|oficina|gerente|l[ií]nea|enfermer[oa]|departamento)\b)?/giu,
    ),
  ],
  // channels: "online", "by phone", "through the patient portal", "in private"
  [
    null,
    unicodeWords(
      /\b(?:online|on\s*line|by\s+(?:phone|dm|e-?mail|text)|over\s+the\s+phone|(?:through|in|on|via)\s+(?:the|our)\s+(?:patient\s+)?portal|in\s+private|privately|directly|(?:in\s+|by\s+|with\s+)?(?:a\s+)?(?:private|direct)\s+message|(?:on|at|from)\s+(?:our|the)\s+(?:website|web\s*site|site|page|app)|any\s*time|around\s+the\s+clock|24\/7|day\s+or\s+night|en\s+privado|por\s+tel[eé]fono|en\s+l[ií]nea|a\s+cualquier\s+hora)\b/giu,
    ),
  ],
  // thanks, welcome, farewell
  [
    null,
    unicodeWords(
      /\b(?:thank\s+you|thank-you|thankyou|thanks|thx|ty|many\s+thanks|muchas\s+gracias|gracias)(?:\s+(?:so|very)\s+much)?(?:\s+(?:for|por)\s+(?:(?:the|your|this|that|these|those|su|sus|la|el|tu|tus|sharing|leaving|taking\s+the\s+time\s+to\s+(?:share|write|leave))\s+)?(?:(?:kind|lovely|nice|sweet|thoughtful|great|wonderful|generous|honest|amables?|bonitas?|five-?star|5-?star)\s+)*(?:words|feedback|review|reviews|note|message|comment|comments|shout-?out|stars|rating|post|question|questions|share|sharing|support|recommendation|kindness|patience|understanding|reaching\s+out|writing|letting\s+us\s+know|taking\s+the\s+time(?:\s+to\s+\w+)?|following|asking|heads-?up|palabras|mensaje|comentario|rese[nñ]a|recomendaci[oó]n|escribirnos|comunicarse(?:\s+con\s+nosotros)?|paciencia))?|you['’]re\s+(?:so\s+)?welcome|you\s+are\s+(?:so\s+)?welcome|take\s+care(?!\s+of)|stay\s+(?:safe|well|warm|cool|healthy)|(?:feel\s+better|get\s+well)\s+soon|que\s+se\s+mejore\s+pronto|cu[ií]dese/giu,
    ),
  ],
  // apology and empathy formulas with nothing particular in them
  [
    null,
    unicodeWords(
      /\b(?:(?:we['’]re|we\s+are|i['’]m|i\s+am)\s+)?(?:so\s+|very\s+|truly\s+|really\s+)?sorry\s+(?:to\s+(?:hear|read|see)\s+(?:this|that|about\s+(?:this|that|your\s+experience))|(?:for|about)\s+(?:the|any|this)\s+(?:trouble|inconvenience|frustration|confusion|hassle)|you\s+(?:feel|felt)\s+(?:this|that)\s+way|you\s+(?:had|have\s+had)\s+(?:a|this|such\s+a)\s+(?:[\w-]+\s+)?experience|you['’]re\s+(?:not\s+feeling\s+well|going\s+through\s+(?:this|that)|dealing\s+with\s+(?:this|that)|unwell|sick))|we\s+hear\s+you|we\s+(?:understand|get\s+it)|that\s+sounds\s+(?:so\s+)?(?:frustrating|hard|difficult|stressful)|lamentamos\s+(?:mucho\s+)?(?:leer|escuchar|saber)\s+(?:esto|eso)/giu,
    ),
  ],
  // invitations: "we'd love to hear from you", "happy to help", "we're here for you"
  [
    null,
    unicodeWords(
      /\b(?:hear(?:ing)?\s+(?:more\s+)?from\s+(?:you|u)|(?:happy|glad|here)\s+to\s+help(?:\s+(?:you|u))?|(?:here|there)\s+for\s+(?:you|u)|so\s+we\s+can\s+(?:help|talk|listen|learn\s+more|follow\s+up|make\s+(?:it|this|things)\s+right)|make\s+(?:it|this|things)\s+right|(?:learn|hear)\s+more|best\s+way\s+to\s+reach\s+(?:you|u)|(?:a\s+)?good\s+time\s+to\s+(?:call|reach)(?:\s+(?:you|u))?|(?:would|could|can|will)\s+(?:you|u)\s+(?:please\s+)?(?:give\s+us|call|email|e-mail|message|send|dm|contact|reach|let\s+us)|let\s+us\s+know|see\s+(?:you|u)\s+(?:there|soon|around|at\s+the\s+[\w-]+(?:\s+[\w-]+)?|next\s+year)|con\s+gusto\s+le\s+(?:ayudamos|atendemos)|podemos\s+ayudarle|ayudarle)\b/giu,
    ),
  ],
  // what is no one's care: praise for the staff, waits on the phone lines
  [
    null,
    unicodeWords(
      /\b(?:congrat\w*|kudos|shout-?out|happy\s+\w+\s+(?:day|week|month))\s+to\s+(?:our|the|all)\s+(?:[\w-]+\s+){0,3}?(?:staff|team|nurses?|doctors?|providers?|graduates|class|winners?|volunteers)|(?:the\s+)?(?:long\s+)?(?:wait|waits|hold\s+times?|time\s+on\s+hold)\s+(?:on|to\s+reach)\s+(?:our|the)\s+(?:phones?|phone\s+lines?|lines)|(?:waited|waiting|wait)\s+(?:so\s+long\s+)?on\s+(?:hold|the\s+phone)|(?:la\s+)?espera\s+(?:en\s+el\s+tel[eé]fono|telef[oó]nica)|(?:proud|honou?red|privileged|happy|glad)\s+to\s+serve\s+(?:you|u)|did\s+you\s+know|do\s+you\s+know|have\s+you\s+heard|ever\s+wonder(?:ed)?|(?:for\s+)?all\s+(?:that\s+)?(?:you|y['’]all)\s+do|(?:when|whenever|before|once)\s+you\s+(?:check\s+in|come\s+in|arrive|visit|call|book|stop\s+by)/giu,
    ),
  ],
  // "your" + what every commenter has: their words, their contact details, their own doctor
  [
    null,
    unicodeWords(
      /\b(?:your|su|sus|tu|tus)\s+(?:(?:kind|lovely|honest|thoughtful)\s+)?(?:feedback|comments?|review|reviews|words|question|questions|message|messages|note|post|posts|support|patience|understanding|trust|business|time|privacy|community|neighbou?rs?|contact\s+(?:details|info(?:rmation)?)|phone\s+number|number|e-?mail|name|area|insurer|insurance\s+company|plan|insurance\s+plan|benefits|(?:local\s+)?pharmacy|own\s+doctor|regular\s+doctor|doctor|provider|pharmacist|health|family['’]s\s+health|safety|concern|concerns|experience|mensaje|comentario|rese[nñ]a|pregunta|preguntas|opini[oó]n|m[eé]dico|salud|privacidad|paciencia|confianza)\b/giu,
    ),
  ],
];

const blank = (s: string) => ' '.repeat(s.length);

/** Spans of the clauses of a sentence: split at ; : — and "but". */
const CLAUSE_BREAK = unicodeWords(
  /[;—–]|:(?=\s)|\s-\s|,?\s+\b(?:but|however|although|though|pero|aunque)\b/giu,
);

export interface CareSentenceScope {
  /** Lower-case given names and surnames of the practice's staff (not a particular patient). */
  staffWords: ReadonlySet<string>;
  /** The practice's own name ("Riverside Family Medicine" speaks of no one's care). */
  practiceName: RegExp | null;
}

const scopes = new WeakMap<CheckOrganisation, CareSentenceScope>();

export function careSentenceScope(org: CheckOrganisation): CareSentenceScope {
  const cached = scopes.get(org);
  if (cached) return cached;
  const staffWords = new Set<string>();
  for (const full of org.staffNames)
    for (const w of normaliseStaffName(full.replace(/,.*$/, '')).split(/\s+/)) if (w) staffWords.add(w);
  const name = org.name
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  const scope = { staffWords, practiceName: name ? new RegExp(name, 'giu') : null };
  scopes.set(org, scope);
  return scope;
}

const CAPITALISED = /(?<![\p{L}'’.])(?:(?:Dr|Dra|Nurse|Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta)\.?\s+)?\p{Lu}\p{Ll}+/gu;

const EPONYM_AFTER =
  /^(?:\s+\p{Lu}\p{Ll}+)*(?:['’]s)?\s+(?:surgery|syndrome|disease|procedure|test|method|maneuver|manoeuvre|palsy|sign|score|fracture)\b/u;

/** A person named in the clause who is not one of the practice's staff (nor a doctor). */
function namesSomeone(clause: string, scope: CareSentenceScope): boolean {
  CAPITALISED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALISED.exec(clause)) !== null) {
    const words = m[0].split(/\s+/);
    const title = words.length > 1 ? words[0].replace(/\.$/, '').toLowerCase() : null;
    const word = words[words.length - 1].toLowerCase();
    if (title === 'dr' || title === 'dra' || title === 'nurse') continue;
    if (scope.staffWords.has(word)) continue;
    if (title) return true;
    if (m.index === 0 || /^\s*$/.test(clause.slice(0, m.index))) continue;
    // a name given to a procedure or an illness ("Tommy John surgery"), a place or an institution
    const after = clause.slice(m.index + m[0].length);
    if (EPONYM_AFTER.test(after) || NOT_A_PERSON_AFTER.test(after)) continue;
    if (NOT_A_PERSON_BEFORE.test(clause.slice(0, m.index))) continue;
    if (FIRST_NAMES.has(word) && !AMBIGUOUS_FIRST_NAMES.has(word)) return true;
  }
  return false;
}

/** Is this clause (already blanked of generic parts) about someone's care or account? */
type ClauseVerdict = 'flag' | 'unanchored' | 'none';

/**
 * Is this clause (already blanked of generic parts) about someone's care or account? `unanchored`:
 * it speaks of care but of no one in particular — flagged when another clause of the same
 * sentence names the person ("tonsil recovery is rough, but he was a champ").
 */
function careClause(
  clause: string,
  scope: CareSentenceScope,
  staffBefore: boolean,
  offer: boolean,
): ClauseVerdict {
  const t = clause.trim();
  if (!t || !(TOPIC.test(t) || CLINICAL_CONTEXT.test(t))) return 'none';
  if (GENERAL.test(t)) return 'none';
  // Anchors that hold whatever the frame: a thing pointed at, something done, a reaction.
  if (POINTED.test(t) || DONE.test(t) || REACTION.test(t) || SERVED_THIRD_PERSON.test(t)) return 'flag';
  // In an instruction, a case anyone may be in or an offer, "you", "the bill" and a time are anyone's.
  if (ANYONE_FRAME.test(t)) return 'none';
  if (!offer && !ANNOUNCEMENT.test(t) && (PAST_TIME.test(t) || (NOW_TIME.test(t) && HAPPENED.test(t))))
    return 'flag';
  if (DEFINITE.test(t) || somebody(t, scope, staffBefore)) return 'flag';
  return 'unanchored';
}

/** The reader or a particular person in the clause ("you", "he", "your son", a name). */
function somebody(t: string, scope: CareSentenceScope, staffBefore: boolean): boolean {
  if (PERSON.test(t.replace(YOU_CAN, blank))) return true;
  if (!staffBefore && !STAFF.test(t) && THIRD_PERSON.test(t)) return true;
  return namesSomeone(t, scope);
}

/** [start, end) of each clause of the reply that speaks of someone's care or account (tier 2). */
export function personalCareSentences(
  text: string,
  scope: CareSentenceScope = { staffWords: new Set(), practiceName: null },
): Array<{ start: number; end: number }> {
  // Most replies speak of no care at all: nothing to look at clause by clause.
  if (!TOPIC.test(text) && !CLINICAL_CONTEXT.test(text)) return [];
  let neutral = scope.practiceName ? text.replace(scope.practiceName, blank) : text;
  // Offers first ("a nurse can talk with you"), before their verb is blanked as an invitation.
  neutral = neutral.replace(OFFER_YOU, blank);
  for (const [cue, re] of GENERIC_PARTS)
    if (cue === null || cue.test(text)) neutral = neutral.replace(re, blank);
  const out: Array<{ start: number; end: number }> = [];
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) out.push({ start: from + lead, end: to - trail });
  };
  let at = 0;
  while (at < text.length) {
    const { start, end } = sentenceAround(text, at, at);
    const stop = Math.max(end, at + 1);
    const sentence = neutral.slice(start, stop);
    CLAUSE_BREAK.lastIndex = 0;
    const spans: Array<[number, number]> = [];
    let from = start;
    for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
      spans.push([from, start + m.index]);
      from = start + m.index + m[0].length;
      if (m[0].length === 0) CLAUSE_BREAK.lastIndex++;
    }
    spans.push([from, stop]);
    const staffBefore = (at: number) => at > 0 && STAFF.test(neutral.slice(0, at));
    const verdicts = spans.map(([a, b]) =>
      careClause(neutral.slice(a, b), scope, staffBefore(a), OFFER_SEEN.test(text.slice(a, b))),
    );
    spans.forEach(([a, b], i) => {
      if (verdicts[i] === 'flag') push(a, b);
      else if (
        verdicts[i] === 'unanchored' &&
        spans.some(
          ([c, d], j) => j !== i && somebodyOutsideGeneral(neutral.slice(c, d), scope, staffBefore(c)),
        )
      )
        push(a, b);
    });
    at = stop;
  }
  return out;
}

/** A person in a clause that is not framed for everyone nor an instruction. */
function somebodyOutsideGeneral(clause: string, scope: CareSentenceScope, staffBefore: boolean): boolean {
  const t = clause.trim();
  if (!t || GENERAL.test(t) || ANYONE_FRAME.test(t)) return false;
  return somebody(t, scope, staffBefore);
}
