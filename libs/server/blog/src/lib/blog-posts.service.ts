import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock, NotFoundError, ValidationError, xmlCharacters } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { FieldViolation } from '@carecast/shared/contracts';
import { BlogRepository } from './blog.repository';
import type { BlogImage, BlogOrganisation, BlogPost, BlogSite } from './blog.types';
import { bodyHtmlOf, excerptOf, httpUrl, numberedSlug, SLUG_PATTERN, slugOf, titleOf } from './blog-text';
import { BlogUrls } from './blog-urls';

export const BLOG_PAGE_SIZE = 10;
export const BLOG_FEED_SIZE = 20;
export const BLOG_MAX_IMAGES = 4;
export const BLOG_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_TEXT_LENGTH = 50_000;
const SLUG_ATTEMPTS = 20;

/** Raster formats only (an SVG could carry script), recognised by their first bytes. */
const IMAGE_SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export interface BlogPublishInput {
  organisationId: string;
  channelId: string | null;
  text: string;
  title?: string | null;
  link?: string | null;
  images?: Array<{ bytes: Buffer; mimeType: string; altText: string }>;
}

/** One page of a blog's index. */
export interface BlogIndexPage {
  posts: BlogPost[];
  page: number;
  pages: number;
}

/** Posts of the Carecast blog: publishing, taking down, and what the public pages show. */
@Injectable()
export class BlogPostsService {
  private readonly urls: BlogUrls;

  constructor(
    private readonly repository: BlogRepository,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.urls = new BlogUrls(config.http.publicUrl);
  }

  async organisation(organisationId: string): Promise<BlogOrganisation> {
    const found = await this.repository.organisation(organisationId);
    if (!found) throw new NotFoundError('No such organisation.');
    return found;
  }

  /**
   * Publish a post now: title, slug (unique in the organisation), escaped body, images. Characters
   * no page or feed may carry (control characters, U+FFFF, lone surrogates) are left out.
   */
  async publish(given: BlogPublishInput): Promise<{ post: BlogPost; url: string }> {
    const input = printable(given);
    const images = input.images ?? [];
    const link = input.link ? httpUrl(input.link) : null;
    assertPublishable(input, images, link);
    const org = await this.organisation(input.organisationId);
    const text = input.text.replace(/\r\n?/g, '\n').trim();
    const title = titleOf(text, input.title);
    const base = slugOf(title);
    const post = await this.db.run(async (tx) => {
      let inserted: BlogPost | null = null;
      for (let n = 1; !inserted && n <= SLUG_ATTEMPTS + 1; n++) {
        const slug =
          n <= SLUG_ATTEMPTS
            ? numberedSlug(base, n)
            : numberedSlug(base, 0) + `-${randomBytes(3).toString('hex')}`;
        inserted = await this.repository.insertPost(
          {
            organisationId: org.id,
            channelId: input.channelId,
            slug,
            title,
            sourceText: text,
            bodyHtml: bodyHtmlOf(text, link),
            excerpt: excerptOf(text, title),
            link,
            publishedAt: this.clock.now(),
          },
          tx,
        );
      }
      if (!inserted) throw new Error(`No free slug for "${base}"`);
      for (const [position, image] of images.entries()) {
        inserted.images.push(
          await this.repository.insertImage(
            {
              organisationId: org.id,
              postId: inserted.id,
              position,
              mimeType: image.mimeType,
              altText: image.altText.trim(),
              bytes: image.bytes,
            },
            tx,
          ),
        );
      }
      return inserted;
    });
    return { post, url: this.postUrl(org.slug, post.slug) };
  }

  /** The public address of a post. */
  postUrl(organisationSlug: string, postSlug: string): string {
    return this.urls.url(this.urls.post(organisationSlug, postSlug));
  }

  /** Take a post off the blog (it stays on record). Taking it down twice is not an error. */
  async delete(organisationId: string, postId: string): Promise<void> {
    if (!(await this.repository.softDeletePost(organisationId, postId, this.clock.now())))
      throw new NotFoundError('The blog has no such post.');
  }

  recent(organisationId: string, since: Date): Promise<BlogPost[]> {
    return this.repository.postsSince(organisationId, since);
  }

  /** The live blog at this address; not found unless its Carecast blog channel is connected. */
  async site(slug: string): Promise<BlogSite> {
    const site = SLUG_PATTERN.test(slug) ? await this.repository.site(slug) : null;
    if (!site) throw new NotFoundError('There is no blog at this address.');
    return site;
  }

  async page(site: BlogSite, page: number): Promise<BlogIndexPage> {
    const total = await this.repository.countPosts(site.id);
    const pages = Math.max(1, Math.ceil(total / BLOG_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1 || page > pages)
      throw new NotFoundError('This blog has no such page.');
    const posts = await this.repository.listPosts(site.id, BLOG_PAGE_SIZE, (page - 1) * BLOG_PAGE_SIZE);
    return { posts, page, pages };
  }

  async post(site: BlogSite, slug: string): Promise<BlogPost> {
    const post = SLUG_PATTERN.test(slug) ? await this.repository.postBySlug(site.id, slug) : null;
    if (!post) throw new NotFoundError('This blog has no such post.');
    return post;
  }

  /** The newest posts, for the feeds. */
  feed(site: BlogSite): Promise<BlogPost[]> {
    return this.repository.listPosts(site.id, BLOG_FEED_SIZE, 0);
  }

  async image(site: BlogSite, id: string): Promise<BlogImage> {
    const image = await this.repository.image(site.id, id);
    if (!image) throw new NotFoundError('No such image.');
    return image;
  }
}

/** The input without characters that are not text in an XML or HTML document. */
function printable(input: BlogPublishInput): BlogPublishInput {
  return {
    ...input,
    text: typeof input.text === 'string' ? xmlCharacters(input.text) : input.text,
    ...(typeof input.title === 'string' ? { title: xmlCharacters(input.title) } : {}),
    ...(input.images
      ? {
          images: input.images.map((image) => ({
            ...image,
            altText: typeof image.altText === 'string' ? xmlCharacters(image.altText) : image.altText,
          })),
        }
      : {}),
  };
}

function assertPublishable(
  input: BlogPublishInput,
  images: NonNullable<BlogPublishInput['images']>,
  link: string | null,
): void {
  const violations: FieldViolation[] = [];
  const text = input.text?.trim() ?? '';
  if (!text) violations.push({ field: 'text', rule: 'required', message: 'A blog post needs some text.' });
  if (text.length > MAX_TEXT_LENGTH)
    violations.push({
      field: 'text',
      rule: 'maxLength',
      message: `A blog post holds at most ${MAX_TEXT_LENGTH} characters.`,
    });
  if (input.link && !link)
    violations.push({ field: 'link', rule: 'url', message: 'The link must be an http(s) address.' });
  if (images.length > BLOG_MAX_IMAGES)
    violations.push({
      field: 'images',
      rule: 'maxImages',
      message: `A blog post carries at most ${BLOG_MAX_IMAGES} images.`,
    });
  images.forEach((image, i) => {
    const matches = IMAGE_SIGNATURES[image.mimeType];
    if (!matches || !matches(image.bytes))
      violations.push({
        field: `images.${i}`,
        rule: 'imageType',
        message: 'Images must be JPEG, PNG, GIF or WebP files.',
      });
    if (image.bytes.length > BLOG_MAX_IMAGE_BYTES)
      violations.push({
        field: `images.${i}`,
        rule: 'maxBytes',
        message: `An image may be at most ${BLOG_MAX_IMAGE_BYTES / 1024 / 1024} MB.`,
      });
    if ((image.altText ?? '').length > 1000)
      violations.push({ field: `images.${i}.altText`, rule: 'maxLength', message: 'Alt text is too long.' });
  });
  if (violations.length) throw new ValidationError(violations[0].message, violations);
}
