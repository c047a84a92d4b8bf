/**
 * Addresses of a blog's pages. `path` answers same-site paths (links, images, the form); `url`
 * the absolute address under the configured public URL (canonical links, feeds, previews).
 */
export class BlogUrls {
  private readonly origin: string;
  private readonly basePath: string;

  constructor(publicUrl: string) {
    const url = new URL(publicUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  index(org: string, page = 1): string {
    return `${this.basePath}/blog/${org}/${page > 1 ? `?page=${page}` : ''}`;
  }

  post(org: string, post: string): string {
    return `${this.basePath}/blog/${org}/${post}`;
  }

  comments(org: string, post: string): string {
    return `${this.post(org, post)}/comments`;
  }

  media(org: string, id: string): string {
    return `${this.basePath}/blog/${org}/media/${id}`;
  }

  rss(org: string): string {
    return `${this.basePath}/blog/${org}/feed.xml`;
  }

  atom(org: string): string {
    return `${this.basePath}/blog/${org}/atom.xml`;
  }

  /** The absolute form of one of the paths above. */
  url(path: string): string {
    return `${this.origin}${path}`;
  }
}
