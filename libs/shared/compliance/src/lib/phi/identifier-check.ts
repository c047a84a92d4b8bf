import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf, overlaps, sentenceAround } from '../text/text-scope';
import {
  type OrganisationDetails,
  SOCIAL_HOSTS,
  hostOf,
  isOrganisationAddress,
  isOrganisationUrl,
  normalisePhone,
} from './organisation-details';

/**
 * Identifiers written as numbers or addresses: e-mail, web address, IP address, Social Security,
 * record/account/plan numbers, fax, phone and street addresses. The practice's own published
 * details are allowed.
 */

export interface ScanTarget {
  field: string;
  text: string;
  /** A public reply: any address or number not the practice's own is the person's. */
  reply: boolean;
}

const EMAIL =
  /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}(?![\w-])/g;
const URL_RE =
  /\b(?:(?:https?:\/\/|www\.)[^\s<>"'`]+|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.(?:com|org|net|gov|edu|us|info|health|care|clinic|me|io|ly|app|page|link)\/[^\s<>"'`]*)/gi;
const IPV4 =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
const IPV6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?=[0-9a-f:]*[a-f])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])/gi;
const SSN = /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g;
const SSN_CUED =
  /\b(?:ssn|ss#|social\s+security(?:\s+(?:number|no\.?|#))?|seguro\s+social)\s*(?:(?:is|:|#|number|ending(?:\s+(?:in|with))?|last\s+(?:4|four)(?:\s+digits)?(?:\s*(?:is|:|of))?)\s*)?(?:#\s*)?(\d{3}[- ]?\d{2}[- ]?\d{4}|\d{4})\b/gi;
const RECORD_CUE = String.raw`(?:mrn|m\.r\.n\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|chart\s+(?:number|no\.?|#|id)|patient\s+(?:id|number|no\.?|#|account)|account\s+(?:number|no\.?|#|id)|acct\.?(?:\s+(?:number|no\.?|#))?|member\s+(?:id|number|no\.?|#)|subscriber\s+(?:id|number|no\.?|#)|policy\s+(?:number|no\.?|#|id)|group\s+(?:number|no\.?|#)|plan\s+(?:id|number|no\.?|#)|health\s+plan\s+(?:id|number|#)|insurance\s+(?:id|number|no\.?|#)|beneficiary\s+(?:id|number|#)|medicare\s+(?:id|number|no\.?|#|card(?:\s+number)?)|medicaid\s+(?:id|number|no\.?|#)|claim\s+(?:number|no\.?|#|id)|case\s+(?:number|no\.?|#)|invoice\s+(?:number|no\.?|#)|statement\s+(?:number|no\.?|#)|licen[cs]e\s+(?:number|no\.?|#|plate)|driver['’]?s\s+licen[cs]e|dl(?=\s*#)|rx(?=\s*#)|rx\s+(?:number|no\.?)|prescription\s+(?:number|no\.?|#)|d\.l\.(?=\s*#)|certificate\s+(?:number|no\.?|#)|serial\s+(?:number|no\.?|#)|device\s+(?:id|serial)|(?:licen[cs]e\s+)?plate(?:\s+(?:number|no\.?|#))?|tag\s+(?:number|#)|vin|n[uú]mero\s+de\s+(?:expediente|cuenta|seguro|p[oó]liza|afiliad[oa]|miembro|historia)|expediente|historia\s+cl[ií]nica)`;
/**
 * The number itself: one token of letters, digits and dashes, or groups written with single spaces
 * ("XKB 448 201 557") where every group after the first holds a digit. How many digits it needs is
 * checked in code (see recordValue).
 */
const RECORD_VALUE = String.raw`([A-Z0-9][A-Z0-9-]{1,19}(?: (?=[A-Z0-9-]*\d)[A-Z0-9-]{1,10}){0,5})(?![A-Za-z0-9])`;
const RECORD = new RegExp(
  String.raw`\b${RECORD_CUE}\s*(?:(?:is|was|es|:|=|#|no\.?)\s*)?(?:#\s*)?${RECORD_VALUE}`,
  'giu',
);
/** "Account 00731-558", "claim 4471902": the kind of number named by one word, with at least 5 digits. */
const RECORD_BARE = new RegExp(
  String.raw`\b(?:account|acct|patient|member|subscriber|policy|claim|chart|invoice|case|cuenta|expediente|p[oó]liza)\s*(?:#\s*)?${RECORD_VALUE}`,
  'giu',
);

/** The number found after a cue, trimmed to its identifier, or null when it has too few digits. */
function recordValue(value: string, minDigits: number): string | null {
  const trimmed = value.replace(/[\s-]+$/, '');
  const digits = trimmed.replace(/\D/g, '').length;
  if (digits < minDigits || trimmed.length > 28) return null;
  // A year on its own ("account 2024") is not a number of anyone's.
  if (/^(?:19|20)\d{2}$/.test(trimmed)) return null;
  return trimmed;
}
/** A Medicare Beneficiary Identifier (11 characters, digits and letters in fixed places). */
const MBI =
  /\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b/g;
const PHONE =
  /(?<![\w+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\d-])/g;
const PHONE_CUED =
  /\b(?:call|text|phone|tel\.?|cell|mobile|number|fax|reach\s+(?:me|her|him|them)\s+at|llame|ll[aá]menos|tel[eé]fono|celular)\s*(?:(?:is|at|:|me\s+at)\s*)?((?:\+?1)?\d{10}|\d{3}[\s.-]\d{4})(?![\d-])/gi;
const FAX_BEFORE = /\b(?:fax|facs[ií]mil)\b[^.!?\n]{0,30}$/i;
const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Pike|Row|Alley|Crescent|Close';
const ADDRESS = new RegExp(
  String.raw`(?<![\w-])\d{1,6}(?:-\d{1,4})?[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][\p{L}'’.-]*)\s+){1,3}?(?:${STREET_SUFFIX})\b\.?(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?[\w-]+)?(?:,\s*[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+){0,2})?(?:,?\s+[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?` +
    String.raw`|\b(?:P\.?\s?O\.?\s+Box|Apartado(?:\s+Postal)?)\s+\d{1,6}` +
    String.raw`|\b(?:Calle|Avenida|Camino|Paseo|Carretera)\s+(?:(?:de|del|la|los)\s+)?[A-ZÁÉÍÓÚÑ][\p{L}]+(?:\s+(?:(?:de|del|la|los)\s+)?[A-ZÁÉÍÓÚÑ][\p{L}]+){0,2},?\s*(?:(?:#|No\.?|n[uú]m(?:ero|\.)?)\s*)?\d{1,5}`,
  'gu',
);
/** A street without a number, said to be where someone lives: "the Elm St address", "lives on Birch Lane". */
const STREET_OF_PERSON = new RegExp(
  String.raw`(?<=\b(?:lives?|living|lived|resides?|residing|moved)\s{1,5}(?:on|off|at)\s{1,5})(?:(?!(?:Our|The|My|Your|His|Her|Their|This|That|An?)\b)[A-Z][\p{L}'’-]*\s+){1,3}?(?:${STREET_SUFFIX})\b\.?` +
    String.raw`|(?<!\d\s)(?<![\p{L}\d])(?:(?!(?:Our|The|My|Your|His|Her|Their|This|That|An?)\b)[A-Z][\p{L}'’-]*\s+){1,3}?(?:${STREET_SUFFIX})\b\.?(?=\s+(?:address|home|house|apartment|residence)\b)`,
  'gu',
);
const ZIP_AFTER_STATE =
  /\b(?:[A-Z][a-z]+,\s*)?(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b/g;
const PERSON_PLACE =
  /\b(?:lives?|living|lived|resides?|residing|home|house|apartment|apt|address|moved\s+to|staying\s+at|her\s+place|his\s+place|vive|viv[ií]a|domicilio|su\s+casa|patient|paciente|mr\.?|mrs\.?|ms\.?|she|he|her|his|their|found|accident|fell|collapsed)\b/i;
const EVENT_PLACE =
  /\b(?:clinic|event|fair|drive|held|hosting|join\s+us|located|location|office|offices|visit\s+us|find\s+us|come\s+see\s+us|moved\s+to\s+our|new\s+home|our\s+new|parking|entrance|community\s+center|center|library|school|church|gym|ymca|park|pharmacy|site|venue|pop-up|mobile\s+unit|campus|building|open|hours|mail|send|cl[ií]nica|evento|feria|oficina|ubicad[oa]|estacionamiento)\b/i;

const SUGGEST_REMOVE = 'Remove it, or give the practice’s own published contact details instead.';

export function identifierFindings(target: ScanTarget, org: OrganisationDetails): Finding[] {
  const { field, text } = target;
  const out: Finding[] = [];
  const taken: Array<{ start: number; end: number }> = [];
  const free = (start: number, end: number) => !taken.some((t) => overlaps(t, { start, end }));
  const add = (f: Finding) => {
    out.push(f);
    if (f.span) taken.push(f.span);
  };

  for (const m of matchesOf(EMAIL, text)) {
    const email = m[0].toLowerCase();
    const domain = email.slice(email.lastIndexOf('@') + 1);
    taken.push({ start: m.index, end: m.index + m[0].length });
    if (org.emails.has(email) || org.domains.has(domain)) continue;
    add(
      finding(
        'phi.email',
        'block',
        field,
        text,
        m.index,
        m.index + m[0].length,
        'A personal e-mail address can identify a patient.',
        SUGGEST_REMOVE,
      ),
    );
  }

  for (const m of matchesOf(URL_RE, text)) {
    const url = m[0].replace(/[.,!?;:)\]]+$/, '');
    const start = m.index;
    const end = start + url.length;
    if (!free(start, end)) continue;
    taken.push({ start, end });
    if (!identifiesPerson(url, org)) continue;
    add(
      finding(
        'phi.url',
        'block',
        field,
        text,
        start,
        end,
        'This web address points at a person (a profile, a fundraiser or a record).',
        'Remove the link, or link to a general page instead.',
      ),
    );
  }

  for (const re of [IPV4, IPV6]) {
    for (const m of matchesOf(re, text)) {
      const end = m.index + m[0].length;
      if (!free(m.index, end)) continue;
      add(
        finding(
          'phi.ip',
          'block',
          field,
          text,
          m.index,
          end,
          'An IP address can identify a person’s device.',
          'Remove the IP address.',
        ),
      );
    }
  }

  for (const re of [SSN_CUED, SSN]) {
    for (const m of matchesOf(re, text)) {
      const value = re === SSN_CUED ? m[1] : m[0];
      const start = re === SSN_CUED ? m.index + m[0].lastIndexOf(value) : m.index;
      const end = start + value.length;
      if (!free(start, end)) continue;
      add(
        finding(
          'phi.ssn',
          'block',
          field,
          text,
          start,
          end,
          'This looks like a Social Security number.',
          'Remove the number.',
        ),
      );
    }
  }

  for (const re of [RECORD, RECORD_BARE, MBI]) {
    for (const m of matchesOf(re, text)) {
      const cued = re !== MBI;
      const value = cued ? recordValue(m[1], re === RECORD ? 4 : 5) : m[0];
      if (value === null) continue;
      const start = cued ? m.index + m[0].lastIndexOf(m[1]) : m.index;
      const end = start + value.length;
      if (!free(start, end)) continue;
      if (cued && org.phones.has(normalisePhone(value))) continue;
      add(
        finding(
          'phi.record_number',
          'block',
          field,
          text,
          cued ? m.index : start,
          end,
          'A record, account, member or plan number identifies a patient.',
          'Remove the number.',
        ),
      );
    }
  }

  const phoneMatches = [
    ...matchesOf(PHONE, text).map((m) => ({ start: m.index, value: m[0] })),
    ...matchesOf(PHONE_CUED, text).map((m) => ({ start: m.index + m[0].lastIndexOf(m[1]), value: m[1] })),
  ].sort((a, b) => a.start - b.start);
  for (const { start, value } of phoneMatches) {
    const end = start + value.length;
    if (!free(start, end)) continue;
    const digits = normalisePhone(value.replace(/\s*(?:x|ext\.?|extension)\s*\d+$/i, ''));
    taken.push({ start, end });
    if (org.phones.has(digits)) continue;
    if (digits.length === 7 && [...org.phones].some((p) => p.endsWith(digits))) continue;
    const fax = FAX_BEFORE.test(text.slice(Math.max(0, start - 20), start));
    add(
      fax
        ? finding(
            'phi.fax',
            'block',
            field,
            text,
            start,
            end,
            'A fax number that is not the practice’s own can identify a patient.',
            SUGGEST_REMOVE,
          )
        : finding(
            'phi.phone',
            'block',
            field,
            text,
            start,
            end,
            'A phone number that is not the practice’s own can identify a patient.',
            SUGGEST_REMOVE,
          ),
    );
  }

  const addresses = [
    ...matchesOf(ADDRESS, text).map((m) => ({
      start: m.index,
      // A full stop after a spelt-out street word ends the sentence; after "St" it is part of it.
      value: m[0].replace(/[,\s]+$/, '').replace(/(?<=\p{Ll}{3,})\.$/u, ''),
    })),
    ...matchesOf(ZIP_AFTER_STATE, text).map((m) => ({ start: m.index, value: m[0] })),
    ...matchesOf(STREET_OF_PERSON, text).map((m) => ({ start: m.index, value: m[0].replace(/\.$/, '') })),
  ];
  for (const { start, value } of addresses) {
    const end = start + value.length;
    if (!free(start, end)) continue;
    taken.push({ start, end });
    if (isOrganisationAddress(org, value)) continue;
    if (!target.reply) {
      const sentence = sentenceAround(text, start, end);
      const around = text.slice(sentence.start, start) + ' ' + text.slice(end, sentence.end);
      if (!PERSON_PLACE.test(around) && EVENT_PLACE.test(around)) continue;
    }
    add(
      finding(
        'phi.address',
        'block',
        field,
        text,
        start,
        end,
        'A street address that is not the practice’s own can identify a patient.',
        'Remove the address, or give only the practice’s or the event’s address.',
      ),
    );
  }
  return out;
}

const PERSON_QUERY =
  /[?&;](?:patient|pt|mrn|dob|name|first|last|fname|lname|email|member|ssn|user|uid|userid|account|acct|record|chart|person)[\w-]*=/i;
const PERSON_PATH =
  /\/(?:patients?|users?|members?|profiles?|people|persons?|chart|records?|accounts?|mychart)\/[\w.%-]+/i;
const SOCIAL_NON_PERSON =
  /^\/(?:events?|groups?|hashtag|pages?|watch|explore|search|help|legal|policies|about|share|sharer|reel|shorts|playlist|channel\/|c\/|i\/|intent|home|login|privacy)\b/i;

/** Is this web address about a person (profile, fundraiser, record), rather than a general page? */
function identifiesPerson(url: string, org: OrganisationDetails): boolean {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  const host = hostOf(withScheme);
  if (!host) return false;
  const path = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i, '') || '/';
  if (PERSON_QUERY.test(path) || PERSON_PATH.test(path)) return true;
  if (isOrganisationUrl(org, url)) return false;
  const social = [...SOCIAL_HOSTS].some((h) => host === h || host.endsWith(`.${h}`));
  if (!social) return false;
  if (/^\/?(?:[?#].*)?$/.test(path)) return false;
  return !SOCIAL_NON_PERSON.test(path);
}
