import type { Redis } from 'ioredis';
import type { AppConfig } from '@carecast/server/config';
import {
  type CheckContext,
  type ContentCheckInput,
  MAX_FINDINGS_PER_RULE_AND_FIELD,
} from '@carecast/shared/compliance';
import { ComplianceService } from './compliance.service';
import { LinkCheckCache } from './link-check-cache';
import { LinkChecker, MAX_LINKS_PER_CHECK } from './link-checker';
import type { LinkProbe, LinkProbeResult } from './link-probe';

const ctx: CheckContext = {
  organisation: {
    name: 'Riverside Family Medicine',
    phones: ['(555) 010-2000'],
    emails: ['info@riversidefm.example'],
    addresses: ['120 Oak Street'],
    websites: ['https://riversidefm.example'],
    staffNames: ['Dr. Maria Lopez'],
  },
  requireSpanishForAlerts: false,
};

/** A probe that answers from a table and counts what it was asked. */
class TableProbe implements LinkProbe {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, LinkProbeResult>) {}
  async probe(url: string): Promise<LinkProbeResult> {
    this.asked.push(url);
    return this.answers[url] ?? { kind: 'ok', status: 200 };
  }
}

/** Just enough of ioredis for the cache: GET and SET with EX (the seconds kept, see `expiries`). */
function memoryRedis(): Redis {
  const store = new Map<string, string>();
  const seconds: number[] = [];
  return {
    get: async (key: string) => store.get(key) ?? null,
    set: async (key: string, value: string, _ex: string, ttl: number) => {
      store.set(key, value);
      seconds.push(ttl);
      return 'OK';
    },
    seconds,
  } as unknown as Redis;
}

const expiries = (redis: Redis): number[] => (redis as unknown as { seconds: number[] }).seconds;

const config = {
  redis: { prefix: 'test' },
  compliance: {
    linkCheckCacheSeconds: 3600,
    linkCheckUncheckedCacheSeconds: 60,
    linkCheckTimeoutMs: 1000,
    linkCheckAllowedPrivateHosts: [],
  },
} as unknown as AppConfig;

function serviceWith(probe: LinkProbe, redis: Redis = memoryRedis()): ComplianceService {
  return new ComplianceService(new LinkChecker(probe, new LinkCheckCache(redis, config)));
}

function post(text: string, link: string | null = null): ContentCheckInput {
  return {
    kind: 'post',
    texts: [{ field: 'base.text', text, channel: null, language: 'en' }],
    media: [],
    link,
  };
}

describe('ComplianceService', () => {
  it('adds nothing for links that open, and keeps the shared findings', async () => {
    const probe = new TableProbe({});
    const findings = await serviceWith(probe).checkContent(
      post('Flu clinic Saturday, details at https://riversidefm.example/flu. Call 555-303-1234.'),
      ctx,
    );
    expect(probe.asked).toEqual(['https://riversidefm.example/flu']);
    expect(findings.map((f) => f.rule)).toEqual(['phi.phone']);
  });

  it('blocks a link to a missing page, pointing at the address in the text', async () => {
    const text = 'Read more: https://example.org/gone. Thanks!';
    const findings = await serviceWith(
      new TableProbe({ 'https://example.org/gone': { kind: 'broken', status: 404, reason: 'answered 404' } }),
    ).checkContent(post(text), ctx);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'link.unresolved',
        severity: 'block',
        field: 'base.text',
        excerpt: 'https://example.org/gone',
        span: { start: 11, end: 35 },
      }),
    ]);
    expect(text.slice(11, 35)).toBe('https://example.org/gone');
  });

  it.each([
    [{ kind: 'broken', status: 410, reason: '' }, 'link.unresolved', 'block'],
    [{ kind: 'broken', status: 403, reason: '' }, 'link.unresolved', 'warn'],
    [{ kind: 'broken', status: 503, reason: '' }, 'link.unresolved', 'warn'],
    [{ kind: 'broken', status: null, reason: 'too many redirects' }, 'link.unresolved', 'warn'],
    [{ kind: 'refused', reason: 'private' }, 'link.unresolved', 'block'],
    [{ kind: 'invalid', reason: 'protocol ftp:' }, 'link.unresolved', 'block'],
    [{ kind: 'unreachable', reason: 'ENOTFOUND' }, 'link.unchecked', 'warn'],
  ] as const)('the post link answering %j gives %s (%s)', async (answer, rule, severity) => {
    const findings = await serviceWith(new TableProbe({ 'https://example.org/x': answer })).checkContent(
      post('See our page.', 'https://example.org/x'),
      ctx,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule,
        severity,
        field: 'link',
        excerpt: 'https://example.org/x',
        span: { start: 0, end: 21 },
      }),
    ]);
  });

  it('remembers answers, and no answer only briefly', async () => {
    const probe = new TableProbe({ 'https://down.example/': { kind: 'unreachable', reason: 'timed out' } });
    const redis = memoryRedis();
    const service = serviceWith(probe, redis);
    const input = post('https://ok.example/ and https://down.example/');
    await service.checkContent(input, ctx);
    const second = await service.checkContent(input, ctx);
    expect(probe.asked.filter((u) => u === 'https://ok.example/')).toHaveLength(1);
    expect(probe.asked.filter((u) => u === 'https://down.example/')).toHaveLength(1);
    expect(second.map((f) => f.rule)).toEqual(['link.unchecked']);
    expect(expiries(redis).sort((a, b) => a - b)).toEqual([
      config.compliance.linkCheckUncheckedCacheSeconds,
      config.compliance.linkCheckCacheSeconds,
    ]);
  });

  it.each([
    'Forms: https://staff:Winter2026@portal.example.org/forms today',
    'Forms: https://staff@portal.example.org/forms today',
    'Forms: www.staff:pw@portal.example.org today',
  ])('blocks a link written with a user name or password and never sends it: %s', async (text) => {
    const probe = new TableProbe({});
    const findings = await serviceWith(probe).checkContent(post(text), ctx);
    expect(probe.asked).toEqual([]);
    const links = findings.filter((f) => f.rule.startsWith('link.'));
    expect(links).toEqual([
      expect.objectContaining({ rule: 'link.unresolved', severity: 'block', field: 'base.text' }),
    ]);
    expect(links[0].message).toMatch(/user name or password/);
    const span = links[0].span;
    expect(span && text.slice(span.start, span.end)).toBe(links[0].excerpt);
    expect(links[0].excerpt).toMatch(/@portal\.example\.org/);
  });

  it('asks once per address however often it appears, and at most a few addresses per check', async () => {
    const probe = new TableProbe({});
    const many = Array.from({ length: MAX_LINKS_PER_CHECK + 5 }, (_, i) => `https://site${i}.example/`).join(
      ' ',
    );
    await serviceWith(probe).checkContent(
      post(`${many} https://site0.example/`, 'https://site0.example/'),
      ctx,
    );
    expect(probe.asked).toHaveLength(MAX_LINKS_PER_CHECK);
    expect(new Set(probe.asked).size).toBe(MAX_LINKS_PER_CHECK);
  });

  it('says which links were left unchecked beyond the few asked for, instead of saying nothing', async () => {
    const probe = new TableProbe({});
    const urls = Array.from({ length: MAX_LINKS_PER_CHECK + 2 }, (_, i) => `https://site${i}.example/`);
    const findings = await serviceWith(probe).checkContent(post(urls.join(' ')), ctx);
    const unchecked = findings.filter((f) => f.rule === 'link.unchecked');
    expect(unchecked.map((f) => f.excerpt)).toEqual(urls.slice(MAX_LINKS_PER_CHECK));
    expect(unchecked.every((f) => f.severity === 'warn')).toBe(true);
  });

  it('lists at most a few link findings per field and counts the rest, still blocking', async () => {
    const text = Array.from({ length: 60 }, () => 'https://example.org/gone').join(' ');
    const findings = await serviceWith(
      new TableProbe({ 'https://example.org/gone': { kind: 'broken', status: 404, reason: '' } }),
    ).checkContent(post(text), ctx);
    const links = findings.filter((f) => f.rule === 'link.unresolved');
    expect(links).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
    expect(links.at(-1)).toEqual(
      expect.objectContaining({ severity: 'block', span: null, field: 'base.text' }),
    );
    expect(links.at(-1)?.message).toContain(`${60 - MAX_FINDINGS_PER_RULE_AND_FIELD} more like this`);
  });

  it('still checks links while Redis is away', async () => {
    const broken = {
      get: async () => {
        throw new Error('Connection is closed.');
      },
      set: async () => {
        throw new Error('Connection is closed.');
      },
    } as unknown as Redis;
    const findings = await serviceWith(
      new TableProbe({ 'https://example.org/gone': { kind: 'broken', status: 404, reason: '' } }),
      broken,
    ).checkContent(post('https://example.org/gone'), ctx);
    expect(findings.map((f) => f.rule)).toEqual(['link.unresolved']);
  });

  it('checks a reply with the reply guard and asks for no link', async () => {
    const probe = new TableProbe({});
    const findings = serviceWith(probe).checkReply('We reviewed your chart, see https://example.org', ctx);
    expect(findings.map((f) => f.rule)).toContain('reply.patient_relationship');
    expect(probe.asked).toEqual([]);
  });
});
