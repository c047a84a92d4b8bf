import { Inject, Injectable } from '@nestjs/common';
import type { Finding, FindingSeverity } from '@carecast/shared/contracts';
import type { ContentCheckInput } from '@carecast/shared/compliance';
import { LinkCheckCache } from './link-check-cache';
import { LINK_PROBE, type LinkProbe, type LinkProbeResult } from './link-probe';

/** At most this many different links are asked for per check. */
export const MAX_LINKS_PER_CHECK = 10;

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

interface LinkUse {
  field: string;
  /** The address to ask for (`www.` written ones with https:// in front). */
  url: string;
  /** As written in the field. */
  written: string;
  start: number;
  end: number;
}

/** The post's link and every web address in its texts, with where each one is. */
export function linksOf(input: ContentCheckInput): LinkUse[] {
  const uses: LinkUse[] = [];
  if (input.link?.trim())
    uses.push({
      field: 'link',
      url: input.link.trim(),
      written: input.link,
      start: 0,
      end: input.link.length,
    });
  for (const t of input.texts) {
    for (const m of t.text.matchAll(URL_IN_TEXT)) {
      const written = m[0].replace(/[.,!?;:)\]]+$/, '');
      const url = /^www\./i.test(written) ? `https://${written}` : written;
      uses.push({ field: t.field, url, written, start: m.index ?? 0, end: (m.index ?? 0) + written.length });
    }
  }
  return uses;
}

/**
 * Whether the links in a post open (`link.unresolved`, `link.unchecked`). Decisions:
 * - a missing page (404, 410), an address that is not a web link, or one inside a private
 *   network blocks: nobody who reads the post can open it;
 * - any other 4xx (a sign-in wall, a site that turns away automated checks), a 5xx (often
 *   passing trouble) or too many redirects warns: a person may well open it, a reviewer decides;
 * - no answer at all (offline, the name not found, the time ran out) warns as unchecked.
 */
@Injectable()
export class LinkChecker {
  constructor(
    @Inject(LINK_PROBE) private readonly probe: LinkProbe,
    private readonly cache: LinkCheckCache,
  ) {}

  async findings(input: ContentCheckInput): Promise<Finding[]> {
    const all = linksOf(input);
    // A link carrying a user name or password is never asked for: that would hand them to the site.
    const withCredentials = all.filter((u) => carriesCredentials(u.url));
    const uses = all.filter((u) => !carriesCredentials(u.url));
    const urls = [...new Set(uses.map((u) => u.url))].slice(0, MAX_LINKS_PER_CHECK);
    const results = new Map<string, LinkProbeResult>();
    await Promise.all(urls.map(async (url) => results.set(url, await this.check(url))));
    const out: Finding[] = withCredentials.map(credentialsFinding);
    for (const use of uses) {
      // Beyond the few asked for, a link is reported unchecked rather than passed over in silence.
      const result = results.get(use.url) ?? { kind: 'unreachable', reason: 'not asked: too many links' };
      if (result.kind === 'ok') continue;
      out.push(findingFor(use, result));
    }
    return out;
  }

  private async check(url: string): Promise<LinkProbeResult> {
    const cached = await this.cache.get(url);
    if (cached) return cached;
    const result = await this.probe.probe(url);
    await this.cache.set(url, result);
    return result;
  }
}

/** Whether the address names a user or a password before its site (`https://user:pass@site`). */
export function carriesCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    // Not readable as an address: an `@` before the first `/` after the scheme still names a user.
    return /^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

function credentialsFinding(use: LinkUse): Finding {
  return {
    field: use.field,
    span: { start: use.start, end: use.end },
    excerpt: use.written,
    rule: 'link.unresolved',
    severity: 'block',
    message:
      'This link has a user name or password in it: everyone who reads the post would see them. It was not opened.',
    suggestion:
      'Remove the user name and password from the link (the part before @), or link to a public page.',
  };
}

function findingFor(use: LinkUse, result: Exclude<LinkProbeResult, { kind: 'ok' }>): Finding {
  const base = { field: use.field, span: { start: use.start, end: use.end }, excerpt: use.url };
  if (result.kind === 'unreachable') {
    return {
      ...base,
      rule: 'link.unchecked',
      severity: 'warn',
      message: 'This link could not be checked just now (no answer). Open it yourself before publishing.',
      suggestion: 'Open the link in a browser; check again later.',
    };
  }
  let severity: FindingSeverity = 'warn';
  let message: string;
  if (result.kind === 'invalid') {
    severity = 'block';
    message = 'This is not a web address people can open.';
  } else if (result.kind === 'refused') {
    severity = 'block';
    message = 'This link points inside a private network; people reading the post cannot open it.';
  } else if (result.status === 404 || result.status === 410) {
    severity = 'block';
    message = `This link leads to a page that does not exist (the site answered ${result.status}).`;
  } else if (result.status === null) {
    message = 'This link goes round in redirects and may not open.';
  } else if (result.status >= 500) {
    message = `The site behind this link is having trouble (it answered ${result.status}); it may open later.`;
  } else {
    message = `The site refused the link check (it answered ${result.status}); it may need a sign-in.`;
  }
  return {
    ...base,
    rule: 'link.unresolved',
    severity,
    message,
    suggestion: 'Check the address, or link to a page that opens for everyone.',
  };
}
