import { CLINICAL_CONTEXT } from '../phi/clinical-words';
import { sentenceAround, unicodeWords } from '../text/text-scope';

/**
 * The reply guard's wider net: a sentence that speaks of care, a service or an account AND of one
 * particular occasion or person — a time ("today", "last week", "on Friday"), something done or
 * finished ("lost", "re-sent", "signed", "is ready"), a reaction to it ("so glad", "sorry",
 * "congrats"), "your" + something that is not a social-media word, or a relative or child of
 * theirs — and that has no general framing ("anyone's", "most plans", "every morning", "if you",
 * "privacy law"). Wording lists miss new wording ("the pharmacy never received the e-script");
 * this catches what the lists in reply-guard.ts and service-events.ts do not name.
 */

/** Care, services and accounts (beyond the clinical words the PHI check uses). */
const SERVICE_TERM = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      [
        String.raw`bandages?|dressings?|panel|thyroid|notes|techs?|technicians?|cardiologist['’]?s?|dermatologist['’]?s?|specialist['’]?s?|inhalers?|spacer|nebuli[sz]er|tubes|therapy|pts|e-?scripts?|scripts?|pharmacy|samples?|specimens?|labs?|lab\s+slip|slip|exam\s+room|exam|check-?ups?|(?:\d+|one|two|three|four|six|eight|twelve|eighteen)-(?:month|week|year|day)\s+check|cuff|monitor|brace|splint|crutches|sling`,
        String.raw`doctor['’]s\s+note|work\s+note|school\s+note|note\s+for\s+(?:work|school)|paperwork|forms|referrals?|prior\s+auth(?:orization)?|refills?`,
        String.raw`booked|double-?booked|overbooked|rebooked|schedul(?:e|ed|ing)\s+(?:mix-?up|error|problem)|waitlist|wait\s+list`,
        String.raw`claims?|balance|credit|charged?|charges|statement|refund(?:ed)?|collections|payment|invoice|copay|co-pay|deductible|billing|bill`,
        // a relative or child of theirs is someone whose care it may be
        String.raw`your\s+(?:son|daughter|child|kids?|baby|toddler|mom|mother|dad|father|husband|wife|partner|grandma|grandmother|grandpa|grandfather)|the\s+little\s+one`,
        String.raw`dr\.?\s+\p{Lu}\p{Ll}+|doctor|nurse|provider|hygienist|therapist|pharmacist|dentist|surgeon|midwife|pediatrician`,
        String.raw`cobro|reembolso|factura|cuenta|saldo|receta|farmacia|estudios|muestras?|orden|papeles|cita|consulta|vacunas?|terapia|examen|resultados|an[aá]lisis|doctora?|enfermer[oa]|dra\.?\s+\p{Lu}\p{Ll}+`,
      ].join('|') +
      String.raw`)\b`,
    'iu',
  ),
);

/** One occasion, one thing done, one reaction, or the person's own things. */
const PARTICULAR = unicodeWords(
  new RegExp(
    String.raw`\b(?:` +
      [
        // a time
        String.raw`today|tonight|yesterday|this\s+(?:morning|afternoon|evening)|last\s+(?:week|month|night|time)|earlier\s+today|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|next\s+month['’]s|hoy|ayer|esta\s+(?:ma[nñ]ana|tarde)|la\s+semana\s+pasada`,
        // something done or finished
        String.raw`lost|misplaced|received|re-?sent|resent|finished|finishing|completed|signed|approved|denied|mailed|faxed|mentioned|enjoyed|noticed|forgot|missed|fixed|corrected|cleared|waived|credited|went\s+through|did\s+go\s+through|came\s+back|picked\s+up|dropped\s+off|(?:is|are)\s+(?:now\s+)?(?:ready|cleared|fixed|done)|should\s+(?:show|appear)|won['’]t\s+be\s+(?:charged|billed)|will\s+(?:not\s+)?be\s+(?:credited|waived|refunded)`,
        // "already / finally / just" + a past tense: something done ("we've already refiled it")
        String.raw`(?:already|finally|just)\s+\p{L}+ed|(?:came|fell|got|broke|went)\s+(?:loose|off|out|undone|apart|infected|worse|sore|red|swollen)|(?:stopped|started)\s+\p{L}+ing|said\s+you|told\s+us\s+you|you\s+(?:were|was)\s+(?:worried|concerned|asking)|you\s+(?:asked|mentioned|called)\s+about|(?:a|our|the)\s+mistake\s+on\s+our\s+(?:end|part|side)|our\s+(?:mistake|error|fault)|(?:have|having|had)\s+(?:you|your\s+\p{L}+)\s+in`,
        // Spanish: "ya" + a preterite ("la doctora ya corrigió la receta")
        String.raw`ya\s+\p{L}+(?:[oó]|i[oó]|aron|ieron|amos|imos)|firm[oó]|firmamos|hicimos|enviamos|recibi[oó]|recibimos|perdimos|cobramos|cobr[oó]|devolvimos|reembolsamos|qued[oó]\s+list[oa]|est[aá]\s+list[oa]|est[aá]n\s+list[oa]s`,
        // a reaction to it
        String.raw`so\s+glad|glad\s+(?:the|that|to\s+hear)|(?:great|good|wonderful)\s+news\s+(?:on|about)|sorry\s+(?:the|that|about\s+the|for\s+the)|hope\s+the|congrats|congratulations|apologi[sz]e|apologies|relieved|great\s+catching\s+up|catching\s+up\s+with\s+you|thanks\s+for\s+(?:your\s+patience|bearing\s+with)|pedimos\s+disculpas|disculpe|lamentamos|nos\s+alegra|qu[eé]\s+bueno\s+que|gracias\s+por\s+su\s+paciencia`,
        // their own things and people
        String.raw`your\s+(?!(?:feedback|comments?|review|reviews|kind|words|question|questions|time|post|posts|support|understanding|suggestions?|ideas?|input|shout-?out|recommendation|business|trust|loyalty|area|community|neighbou?rs?|own|email|inbox|phone|insurer|insurance\s+company|doctor|provider|health|family['’]s\s+health|questions?)\b)`,
        String.raw`the\s+little\s+one|your\s+little\s+one|the\s+new\s+(?:inhaler|meds|medication|medicine|brace|cast|cpap|glasses|hearing\s+aids?|insulin|pump)`,
        String.raw`su\s+(?!(?:mensaje|comentario|rese[nñ]a|pregunta|opini[oó]n|m[eé]dico|salud)\b)\p{L}+`,
      ].join('|') +
      String.raw`)(?![\p{L}\p{N}_])`,
    'iu',
  ),
);

/** General framing: the sentence speaks of everyone, of a habit, of a rule, or of a possibility. */
const GENERAL = unicodeWords(
  /\b(?:anyone|anyone['’]s|everyone|everybody|most|usually|typically|generally|in\s+general|every\s+(?:day|morning|afternoon|evening|week|weekday|month|year|time)|each\s+(?:day|week|year)|a\s+year|per\s+year|any\s+time|anytime|if\s+you|whether|privacy|hipaa|confidential|can['’]t\s+(?:discuss|talk|share|comment)|(?:not|un)able\s+to\s+(?:discuss|talk|share|comment)|no\s+(?:\w+\s+)?(?:is\s+)?needed|new\s+patients|accepting|all\s+the\s+\w+\s+out\s+there|happy\s+\w+\s+(?:week|day|month)|we\s+offer|cualquier|todos|privacidad)\b/iu,
);

/** An instruction anyone could follow: "Please bring your insurance card", "You can pay your bill online". */
const CALL_TO_ACTION = unicodeWords(
  /^(?:(?:yes|sure|absolutely|of\s+course)[,!.]?\s+)?(?:please\s+|you\s+can\s+|you\s+may\s+|feel\s+free\s+to\s+|just\s+)?(?:book|schedule|make|get|request|bring|fill\s+out|complete|pay|call|plan|sign\s+up|visit|check\s+out|stop\s+by|come\s+(?:in|by))\b|^(?:ya\s+)?(?:(?:puede|pueden|puedes|por\s+favor)\s+)?(?:reservar|reserve|hacer|haga|pedir|pida|solicitar|solicite|traer|traiga|pagar|pague|llamar|llame|ll[aá]menos|programar|programe|llenar|llene|completar|complete|agendar|agende|venir|venga)\b/iu,
);

/** [start, end) of each sentence of the reply that speaks of a particular occasion of care. */
export function particularCareSentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  while (at < text.length) {
    const { start, end } = sentenceAround(text, at, at);
    const stop = Math.max(end, at + 1);
    const sentence = text.slice(start, stop);
    if (
      (SERVICE_TERM.test(sentence) || CLINICAL_CONTEXT.test(sentence)) &&
      PARTICULAR.test(sentence) &&
      !GENERAL.test(sentence) &&
      !CALL_TO_ACTION.test(sentence.trimStart())
    ) {
      const lead = sentence.length - sentence.trimStart().length;
      const trail = sentence.length - sentence.trimEnd().length;
      if (sentence.trim()) out.push({ start: start + lead, end: stop - trail });
    }
    at = stop;
  }
  return out;
}
