import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AppConfig } from '@carecast/server/config';
import type { BlogOrganisation, BlogPost } from './blog.types';
import { BlogFeeds } from './blog-feeds';

const site: BlogOrganisation = { id: 'org-1', slug: 'riverside', name: 'Riverside & Co', timeZone: 'UTC' };
const feeds = new BlogFeeds({ http: { publicUrl: 'https://care.example' } } as AppConfig);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

const post = (n: number): BlogPost => ({
  id: `post-${n}`,
  organisationId: site.id,
  channelId: null,
  slug: `post-${n}`,
  title: `Post ${n} ]]> <script>x</script> & more`,
  sourceText: '',
  bodyHtml: '<p>Body ]]&gt; text</p>',
  excerpt: `Excerpt ${n}`,
  link: null,
  publishedAt: new Date(Date.UTC(2026, 2, n)),
  images: [{ id: `img-${n}`, position: 0, mimeType: 'image/png', altText: 'Alt "text"' }],
});

describe('BlogFeeds', () => {
  it('writes RSS 2.0 with one item per post, text kept exactly', () => {
    const rss = parser.parse(feeds.rss(site, [post(2), post(1)])).rss;
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel.title).toBe('Riverside & Co blog');
    expect(rss.channel.link).toBe('https://care.example/blog/riverside/');
    expect(rss.channel.item.map((i: { title: string }) => i.title)).toEqual([
      'Post 2 ]]> <script>x</script> & more',
      'Post 1 ]]> <script>x</script> & more',
    ]);
    const [item] = rss.channel.item;
    expect(item.link).toBe('https://care.example/blog/riverside/post-2');
    expect(item.description).toBe('Excerpt 2');
    expect(item.pubDate).toBe('Mon, 02 Mar 2026 00:00:00 GMT');
    expect(item['content:encoded']).toBe(
      '<p>Body ]]&gt; text</p><p><img src="https://care.example/blog/riverside/media/img-2" alt="Alt &quot;text&quot;"></p>',
    );
  });

  it('writes Atom with entries identified by their address', () => {
    const feed = parser.parse(feeds.atom(site, [post(1)])).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://care.example/blog/riverside/');
    expect(feed.updated).toBe('2026-03-01T00:00:00.000Z');
    const links = [feed.link]
      .flat()
      .map((l: { '@rel'?: string; '@href': string }) => `${l['@rel']} ${l['@href']}`);
    expect(links).toContain('self https://care.example/blog/riverside/atom.xml');
    expect(feed.entry.id).toBe('https://care.example/blog/riverside/post-1');
    expect(feed.entry.link['@href']).toBe('https://care.example/blog/riverside/post-1');
    expect(feed.entry.title['#text']).toBe('Post 1 ]]> <script>x</script> & more');
    expect(feed.entry.author.name).toBe('Riverside & Co');
  });

  it('carries titles and excerpts as text: ]]> and <script> neither end the text nor become elements', () => {
    const hostile: BlogPost = {
      ...post(3),
      title: 'A ]]> B ]]><script>alert(1)</script> & C',
      excerpt: 'E ]]> F ]]><script>alert(2)</script><img src=x onerror=alert(3)>',
    };
    const rssXml = feeds.rss(site, [hostile]);
    const atomXml = feeds.atom(site, [hostile]);
    for (const xml of [rssXml, atomXml]) {
      expect(xml).not.toContain('CDATA');
      expect(xml).not.toMatch(/<script|<img src=x/);
    }
    const elementNames = (node: unknown): string[] =>
      node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) => [k, ...elementNames(v)])
        : [];
    const rss = parser.parse(rssXml).rss;
    const atom = parser.parse(atomXml).feed;
    expect(elementNames(rss)).not.toContain('script');
    expect(elementNames(atom)).not.toContain('script');
    expect(elementNames(atom)).not.toContain('img');
    // Text round-trips: as text in Atom (type="text") and in the RSS title…
    expect(rss.channel.item.title).toBe(hostile.title);
    expect(atom.entry.title).toEqual({ '#text': hostile.title, '@type': 'text' });
    expect(atom.entry.summary).toEqual({ '#text': hostile.excerpt, '@type': 'text' });
    // …and as HTML that shows the text in the RSS description (read as HTML by readers).
    const shown = shownAsHtml(rss.channel.item.description);
    expect(shown).toBe(hostile.excerpt);
  });

  it('stays well-formed XML when text holds characters XML does not allow (controls, U+FFFF, lone surrogates)', () => {
    const odd: BlogPost = {
      ...post(4),
      title: 'Bell\u0007 and \u0001start',
      excerpt: 'Escape\u001b[31m red\uffff and half \ud83d a pair',
      bodyHtml: '<p>Form\u000cfeed \ufffe and \udc00 tail \u{1F489}</p>',
      images: [{ id: 'img-4', position: 0, mimeType: 'image/png', altText: 'Nurse\u0008 \u0000' }],
    };
    const oddSite = { ...site, name: 'Riverside\u0002 Clinic' };
    for (const xml of [feeds.rss(oddSite, [odd]), feeds.atom(oddSite, [odd])]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      // Every character is one XML 1.0 allows (its Char production).
      expect(xml).toMatch(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u);
    }
    const rss = parser.parse(feeds.rss(oddSite, [odd])).rss;
    expect(rss.channel.title).toBe('Riverside Clinic blog');
    expect(rss.channel.item.title).toBe('Bell and start');
    expect(rss.channel.item.description).toBe('Escape[31m red and half  a pair');
    expect(rss.channel.item['content:encoded']).toContain('<p>Formfeed  and  tail \u{1F489}</p>');
    expect(rss.channel.item['content:encoded']).toContain('alt="Nurse "');
  });

  it('is a valid, empty feed for a blog without posts', () => {
    expect(parser.parse(feeds.rss(site, [])).rss.channel.item).toBeUndefined();
    expect(parser.parse(feeds.atom(site, [])).feed.entry).toBeUndefined();
  });
});

/** What an HTML reader shows of escaped text: no markup, its entities decoded once. */
function shownAsHtml(html: string): string {
  expect(html).not.toMatch(/[<>]/);
  const entities: Record<string, string> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#39;': "'",
  };
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]);
}
