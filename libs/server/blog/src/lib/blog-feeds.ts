import { Inject, Injectable } from '@nestjs/common';
import { Feed } from 'feed';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type { BlogOrganisation, BlogPost } from './blog.types';
import { BlogUrls } from './blog-urls';
import { markup, raw } from './html';

/** RSS 2.0 and Atom feeds of a blog's newest posts. */
@Injectable()
export class BlogFeeds {
  private readonly urls: BlogUrls;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'http'>) {
    this.urls = new BlogUrls(config.http.publicUrl);
  }

  rss(site: BlogOrganisation, posts: BlogPost[]): string {
    return this.feed(site, posts).rss2();
  }

  atom(site: BlogOrganisation, posts: BlogPost[]): string {
    return this.feed(site, posts).atom1();
  }

  private feed(site: BlogOrganisation, posts: BlogPost[]): Feed {
    const home = this.urls.url(this.urls.index(site.slug));
    const author = { name: site.name, link: home };
    const feed = new Feed({
      title: `${site.name} blog`,
      description: `News and health information from ${site.name}.`,
      id: home,
      link: home,
      language: 'en',
      // The newest post dates the feed, so an unchanged blog gives an unchanged feed.
      updated: posts[0]?.publishedAt ?? new Date(0),
      generator: 'Carecast',
      copyright: `© ${site.name}`,
      author,
      feedLinks: {
        rss: this.urls.url(this.urls.rss(site.slug)),
        atom: this.urls.url(this.urls.atom(site.slug)),
      },
    });
    for (const post of posts) {
      const url = this.urls.url(this.urls.post(site.slug, post.slug));
      const images = post.images.map(
        (i) =>
          markup`<p><img src="${this.urls.url(this.urls.media(site.slug, i.id))}" alt="${i.altText}"></p>`,
      );
      feed.addItem({
        title: post.title,
        id: url,
        link: url,
        description: post.excerpt,
        content: markup`${raw(post.bodyHtml)}${images}`.value,
        date: post.publishedAt,
        published: post.publishedAt,
        author: [author],
      });
    }
    return feed;
  }
}
