import type { CheckOrganisation } from '../check-types';

/** The practice's own published details, normalised once for comparison. */
export interface OrganisationDetails {
  /** Phone numbers as their 10 digits (a leading country code 1 dropped). */
  phones: Set<string>;
  emails: Set<string>;
  /** Domains of the practice's websites and e-mail addresses (www. dropped). */
  domains: Set<string>;
  /** Website addresses without the scheme, www. or a trailing slash. */
  websites: string[];
  /** Street addresses normalised (see normaliseAddress). */
  addresses: string[];
  /** Staff names, lower case, titles dropped; plus each one's surname and given name. */
  staffNames: Set<string>;
}

/** Widely published public-health numbers a post may give (they identify nobody). */
const PUBLIC_HOTLINES = [
  '8002221222', // Poison Help
  '8002324636', // CDC-INFO
  '8006624357', // SAMHSA National Helpline
  '8007997233', // National Domestic Violence Hotline
  '8002738255', // former National Suicide Prevention Lifeline
  '8004224453', // Childhelp
  '8006334227', // Medicare (1-800-MEDICARE)
  '8003183596', // HealthCare.gov
  '8772228387', // Veterans Crisis Line (old)
];

/** The digits of a phone number, without a leading country code 1. */
export function normalisePhone(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

const STREET_WORDS: Record<string, string> = {
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  rd: 'road',
  blvd: 'boulevard',
  ln: 'lane',
  dr: 'drive',
  ct: 'court',
  pl: 'place',
  pkwy: 'parkway',
  hwy: 'highway',
  cir: 'circle',
  ter: 'terrace',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
  ste: 'suite',
};

/** Lower case, punctuation dropped, street words spelt out: "12 Oak St." and "12 oak street" agree. */
export function normaliseAddress(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,#]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
}

export function hostOf(url: string): string | null {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]+@)?([^/:?#\s]+)/i.exec(url.trim());
  return m
    ? m[1]
        .toLowerCase()
        .replace(/^www\./, '')
        .replace(/\.$/, '')
    : null;
}

function websiteKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#]+$/, '');
}

const TITLES = /^(?:dr|doctor|mr|mrs|ms|miss|mx|nurse|prof)\.?\s+/i;
const SUFFIXES = /,?\s+(?:md|do|np|rn|pa|pa-c|dds|dmd|fnp|fnp-c|aprn|lpn|phd|od|dpm|pharmd|lcsw)\.?$/i;

export function normaliseStaffName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  for (let i = 0; i < 3; i++) n = n.replace(TITLES, '').replace(SUFFIXES, '');
  return n.trim();
}

const cache = new WeakMap<CheckOrganisation, OrganisationDetails>();

export function organisationDetails(org: CheckOrganisation): OrganisationDetails {
  const cached = cache.get(org);
  if (cached) return cached;
  const emails = new Set(org.emails.map((e) => e.trim().toLowerCase()).filter(Boolean));
  const domains = new Set<string>();
  for (const w of org.websites) {
    const h = hostOf(w);
    if (h) domains.add(h);
  }
  for (const e of emails) domains.add(e.slice(e.lastIndexOf('@') + 1).replace(/^www\./, ''));
  const staffNames = new Set<string>();
  for (const raw of org.staffNames) {
    const n = normaliseStaffName(raw);
    if (!n) continue;
    staffNames.add(n);
    const parts = n.split(' ');
    if (parts.length > 1) {
      staffNames.add(parts[parts.length - 1]);
      staffNames.add(parts[0]);
    }
  }
  const details: OrganisationDetails = {
    phones: new Set([...org.phones.map(normalisePhone).filter((p) => p.length >= 7), ...PUBLIC_HOTLINES]),
    emails,
    domains,
    websites: org.websites.map(websiteKey).filter(Boolean),
    addresses: org.addresses.map(normaliseAddress).filter(Boolean),
    staffNames,
  };
  cache.set(org, details);
  return details;
}

/** Is this address (as written in a text) the practice's own? Compared on the street part. */
export function isOrganisationAddress(details: OrganisationDetails, written: string): boolean {
  const n = normaliseAddress(written);
  if (!n) return false;
  return details.addresses.some((a) => a.startsWith(n) || n.startsWith(a) || a.includes(n));
}

/** Is the URL on the practice's own site (its domain or a sub-domain) or one of its listed pages? */
export function isOrganisationUrl(details: OrganisationDetails, url: string): boolean {
  const key = websiteKey(url);
  if (details.websites.some((w) => key === w || key.startsWith(`${w}/`))) return true;
  const host = hostOf(url);
  if (!host) return false;
  // Social pages (facebook.com/OurPractice) are the practice's only when listed; its own domain always.
  for (const d of details.domains) {
    if (SOCIAL_HOSTS.has(d)) continue;
    if (host === d || host.endsWith(`.${d}`)) return true;
  }
  return false;
}

export const SOCIAL_HOSTS = new Set([
  'facebook.com',
  'm.facebook.com',
  'fb.com',
  'instagram.com',
  'x.com',
  'twitter.com',
  'linkedin.com',
  'tiktok.com',
  'youtube.com',
  'threads.net',
  'venmo.com',
  'cash.app',
  'gofundme.com',
  'caringbridge.org',
  'paypal.me',
]);
