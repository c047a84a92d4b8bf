import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type { BlogOrganisation, BlogPost } from './blog.types';
import { BlogUrls } from './blog-urls';
import { markup, raw, type SafeHtml, xml } from './html';

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/**
 * RSS 2.0 and Atom feeds of a blog's newest posts. Every value is written as escaped XML text,
 * never inside CDATA: titles and excerpts are plain text (Atom `type="text"`; RSS descriptions
 * escaped once more as HTML text), and a post's body is HTML carried as text (`type="html"`,
 * `content:encoded`). Nothing a visitor or author typed can become an element of the feed, and
 * characters XML does not allow (control characters, U+FFFF, lone surrogates) are left out, so
 * the feed stays well-formed whatever a post holds.
 */
@Injectable()
export class BlogFeeds {
  private readonly urls: BlogUrls;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'http'>) {
    this.urls = new BlogUrls(config.http.publicUrl);
  }

  rss(site: BlogOrganisation, posts: BlogPost[]): string {
    const home = this.urls.url(this.urls.index(site.slug));
    const items = posts.map((post) => {
      const url = this.postUrl(site, post);
      return xml`
    <item>
      <title>${post.title}</title>
      <link>${url}</link>
      <guid isPermaLink="true">${url}</guid>
      <pubDate>${post.publishedAt.toUTCString()}</pubDate>
      <description>${markup`${post.excerpt}`.value}</description>
      <content:encoded>${this.bodyHtml(site, post)}</content:encoded>
    </item>`;
    });
    return (
      XML_DECLARATION +
      xml`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${site.name} blog</title>
    <link>${home}</link>
    <description>News and health information from ${site.name}.</description>
    <language>en</language>
    <lastBuildDate>${this.updated(posts).toUTCString()}</lastBuildDate>
    <generator>Carecast</generator>
    <copyright>© ${site.name}</copyright>
    <atom:link href="${this.urls.url(this.urls.rss(site.slug))}" rel="self" type="application/rss+xml"/>${items}
  </channel>
</rss>
`.value
    );
  }

  atom(site: BlogOrganisation, posts: BlogPost[]): string {
    const home = this.urls.url(this.urls.index(site.slug));
    const entries = posts.map((post) => {
      const url = this.postUrl(site, post);
      return xml`
  <entry>
    <title type="text">${post.title}</title>
    <id>${url}</id>
    <link href="${url}"/>
    <published>${post.publishedAt.toISOString()}</published>
    <updated>${post.publishedAt.toISOString()}</updated>
    <author><name>${site.name}</name><uri>${home}</uri></author>
    <summary type="text">${post.excerpt}</summary>
    <content type="html">${this.bodyHtml(site, post)}</content>
  </entry>`;
    });
    return (
      XML_DECLARATION +
      xml`<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${home}</id>
  <title type="text">${site.name} blog</title>
  <subtitle type="text">News and health information from ${site.name}.</subtitle>
  <updated>${this.updated(posts).toISOString()}</updated>
  <generator>Carecast</generator>
  <rights type="text">© ${site.name}</rights>
  <author><name>${site.name}</name><uri>${home}</uri></author>
  <link rel="alternate" href="${home}"/>
  <link rel="self" href="${this.urls.url(this.urls.atom(site.slug))}"/>${entries}
</feed>
`.value
    );
  }

  /** The newest post dates the feed, so an unchanged blog gives an unchanged feed. */
  private updated(posts: BlogPost[]): Date {
    return posts[0]?.publishedAt ?? new Date(0);
  }

  private postUrl(site: BlogOrganisation, post: BlogPost): string {
    return this.urls.url(this.urls.post(site.slug, post.slug));
  }

  /** The post's (sanitised) HTML with its images, as a string: the feed escapes it as text. */
  private bodyHtml(site: BlogOrganisation, post: BlogPost): string {
    const images: SafeHtml[] = post.images.map(
      (i) => markup`<p><img src="${this.urls.url(this.urls.media(site.slug, i.id))}" alt="${i.altText}"></p>`,
    );
    return markup`${raw(post.bodyHtml)}${images}`.value;
  }
}
