import type { Finding, FindingSeverity } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf, unicodeWords } from '../text/text-scope';

/**
 * Unsupported health claims (C1). Absolute promises about safety or results ("guaranteed",
 * "100% safe", "no side effects", "risk-free", "cures …") block: no treatment can honestly make
 * them. Superlatives and hype ("best", "#1", "breakthrough", "miracle") warn: they need evidence,
 * which a reviewer can confirm. Negations ("there is no cure") and figures of speech ("do your
 * best", "best wishes") are left alone.
 */

interface ClaimPattern {
  re: RegExp;
  severity: FindingSeverity;
  suggestion: string;
}

const BLOCK_SUGGESTION = 'Remove the promise; say what the evidence shows, e.g. “helps lower the risk of…”.';
const WARN_SUGGESTION = 'Remove the superlative, or link to the evidence for it.';

const CLAIMS: ClaimPattern[] = (
  [
    {
      re: /\b(?:guarantee[ds]?|guaranteeing)\b(?!\s+(?:your\s+)?(?:privacy|confidentiality|appointment|a\s+spot|same-day|walk-in))/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b100\s?%\s+(?:safe|effective|natural|success(?:ful)?|cure[ds]?|guaranteed|painless)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b(?:completely|totally|perfectly|absolutely)\s+(?:safe|harmless|painless|risk-?free)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b(?:no|zero|without\s+any)\s+side[-\s]effects?\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b(?:risk-?free|no\s+risks?|zero\s+risk|without\s+(?:any\s+)?risks?)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      // "cures", "cure for", "will cure" — not "no cure", "there is no cure", "isn't a cure"
      re: /(?<!\b(?:no|not|isn't|is\s+not|without\s+a|without|there's\s+no|never)\s+(?:a\s+)?)\b(?:cures?|cured|curing)\b(?!\s+(?:is|was)\s+(?:not|unknown))(?!\s+(?:for\s+)?(?:the\s+)?(?:(?:winter|monday|holiday|january)\s+)?(?:blues|boredom|cabin\s+fever))/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b(?:proven|clinically\s+proven|scientifically\s+proven)\s+to\s+(?:cure|work|eliminate|reverse|prevent)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b(?:permanent(?:ly)?|instant(?:ly)?)\s+(?:results|relief|cure|weight\s+loss|fix)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\bmiracle(?:s|\s+(?:cure|drug|pill|treatment|diet|shot|worker))?\b|\bmiraculous\b/giu,
      severity: 'warn',
      suggestion: WARN_SUGGESTION,
    },
    {
      re: /\bbreakthroughs?\b|\brevolutionary\b|\bgame[-\s]changer\b/giu,
      severity: 'warn',
      suggestion: WARN_SUGGESTION,
    },
    { re: /(?<![\w#])#1\b|\bnumber\s+one\b|\bno\.\s?1\b/giu, severity: 'warn', suggestion: WARN_SUGGESTION },
    {
      // "the best care in town", "best doctors", "best results" — not "best wishes", "do your best", "best way to…"
      re: /\b(?:the\s+)?(?:best|finest|safest|most\s+effective|top-rated|top\s+rated|world-class|world\s+class)\s+(?:(?:\w+\s+){0,2})?(?:care|doctors?|physicians?|dentists?|surgeons?|hospital|clinic|practice|treatments?|results|providers?|team|specialists?|pediatricians?|medicine|outcomes|in\s+(?:town|the\s+(?:city|state|country|area|region|county|valley)))\b/giu,
      severity: 'warn',
      suggestion: WARN_SUGGESTION,
    },
    { re: /\b(?:safest|painless)\b(?!\s+(?:way|option))/giu, severity: 'warn', suggestion: WARN_SUGGESTION },
    // Spanish
    {
      re: /\b(?:garantizad[oa]s?|garantiza(?:mos)?|garantía)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\b100\s?%\s+(?:segur[oa]|efectiv[oa]|natural)\b|\b(?:totalmente|completamente)\s+segur[oa]\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\bsin\s+(?:ningún\s+|ningun\s+)?(?:efectos\s+(?:secundarios|adversos)|riesgos?)\b/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /(?<!\b(?:no\s+hay|sin|no\s+tiene|no\s+existe)\s+(?:una\s+)?)\b(?:cura|curan?|curar[aá]?)\b(?!\s+(?:conocida))/giu,
      severity: 'block',
      suggestion: BLOCK_SUGGESTION,
    },
    {
      re: /\bmilagr(?:o|os|osa|oso)\b|\brevolucionari[oa]\b|\bavance\s+(?:revolucionario|médico\s+sin\s+precedentes)\b/giu,
      severity: 'warn',
      suggestion: WARN_SUGGESTION,
    },
    {
      re: /\b(?:el|la|los|las)\s+mejor(?:es)?\s+(?:(?:\w+\s+){0,2})?(?:atención|médicos?|doctor(?:es|a|as)?|clínica|hospital|tratamientos?|resultados|dentistas?|equipo|cuidado)\b|\bnúmero\s+uno\b/giu,
      severity: 'warn',
      suggestion: WARN_SUGGESTION,
    },
  ] satisfies ClaimPattern[]
).map((c) => ({ ...c, re: unicodeWords(c.re) }));

export function claimFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  // Characters inside a claim found already: a later pattern's match over them is the same claim.
  const claimed = new Uint8Array(text.length);
  for (const claim of CLAIMS) {
    for (const m of matchesOf(claim.re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (claimed.subarray(start, end).includes(1)) continue;
      claimed.fill(1, start, end);
      out.push(
        finding(
          'claims.unsupported',
          claim.severity,
          field,
          text,
          start,
          end,
          claim.severity === 'block'
            ? `“${m[0]}” promises what no treatment can; health claims need evidence.`
            : `“${m[0]}” is a claim that needs evidence behind it.`,
          claim.suggestion,
        ),
      );
    }
  }
  return out.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}
