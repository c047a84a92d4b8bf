import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  BlogCommentsService,
  BlogFeeds,
  BlogPages,
  BlogPostsService,
  type BlogPost,
  type BlogSite,
  type CommentFormState,
  type CommentInput,
  readCommentForm,
} from '@carecast/server/blog';
import { NotFoundError } from '@carecast/server/core';
import { Public } from '../identity/access';
import { BlogPageFilter } from './blog-page.filter';
import { CommentRateLimit } from './comment-rate-limit';

const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

function pageNumber(page: string | undefined): number {
  if (page === undefined) return 1;
  if (!PAGE_NUMBER.test(page)) throw new NotFoundError('This blog has no such page.');
  return Number(page);
}

function html(res: Response, status: number, page: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-cache').send(page);
}

/**
 * The public Carecast blog of each organisation, at /blog/<organisation>/ (outside /api): pages,
 * feeds, images and the comment form. Only while the organisation's blog channel is connected.
 */
@ApiExcludeController()
@UseFilters(BlogPageFilter)
@Controller('blog')
export class BlogPagesController {
  constructor(
    private readonly posts: BlogPostsService,
    private readonly comments: BlogCommentsService,
    private readonly pages: BlogPages,
    private readonly feeds: BlogFeeds,
    private readonly rateLimit: CommentRateLimit,
  ) {}

  @Get(':org')
  @Public()
  async index(@Param('org') org: string, @Query('page') page: string | undefined, @Res() res: Response) {
    const site = await this.posts.site(org);
    try {
      html(res, 200, this.pages.index(site, await this.posts.page(site, pageNumber(page))));
    } catch (err) {
      if (err instanceof NotFoundError) return html(res, 404, this.pages.notFound(site));
      throw err;
    }
  }

  @Get(':org/feed.xml')
  @Public()
  async rss(@Param('org') org: string, @Res() res: Response) {
    const site = await this.posts.site(org);
    this.xml(res, 'application/rss+xml', this.feeds.rss(site, await this.posts.feed(site)));
  }

  @Get(':org/atom.xml')
  @Public()
  async atom(@Param('org') org: string, @Res() res: Response) {
    const site = await this.posts.site(org);
    this.xml(res, 'application/atom+xml', this.feeds.atom(site, await this.posts.feed(site)));
  }

  @Get(':org/media/:id')
  @Public()
  async media(
    @Param('org') org: string,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ) {
    const image = await this.posts.image(await this.posts.site(org), id);
    // An image never changes under its id, but a post can be taken down: cache for an hour.
    const etag = `"${image.id}"`;
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', etag);
    // Feed readers and other sites show a post's images: let them be loaded from anywhere.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (ifNoneMatch === etag) return void res.status(304).end();
    res
      .status(200)
      .type(image.mimeType)
      .setHeader('Content-Length', String(image.bytes.length))
      .end(image.bytes);
  }

  @Get(':org/:post')
  @Public()
  async post(
    @Param('org') org: string,
    @Param('post') slug: string,
    @Query('comment') comment: string | undefined,
    @Res() res: Response,
  ) {
    const site = await this.posts.site(org);
    const post = await this.postOf(site, slug, res);
    if (!post) return;
    html(res, 200, await this.postPage(site, post, { received: comment === 'pending' }));
  }

  /**
   * A visitor's comment (form-encoded: name, email, comment, and the hidden `website`). Held for
   * moderation; 303 back to the post saying so. 422 shows the form again with what was typed.
   */
  @Post(':org/:post/comments')
  @Public()
  async comment(
    @Param('org') org: string,
    @Param('post') slug: string,
    @Body() body: CommentInput,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const site = await this.posts.site(org);
    const post = await this.postOf(site, slug, res);
    if (!post) return;
    const form = readCommentForm(body ?? {});
    const done = () => res.redirect(303, `${this.path(site, post)}?comment=pending#comment-status`);
    // A robot filled in the hidden field: thank it as if it worked, and keep nothing.
    if (form.isRobot) return done();
    if (form.violations.length)
      return html(
        res,
        422,
        await this.postPage(site, post, { values: form.values, violations: form.violations }),
      );
    const ipHash = this.comments.hashAddress(req.ip ?? null);
    const allowance = await this.rateLimit.take(ipHash);
    if (!allowance.allowed) {
      res.setHeader('Retry-After', String(allowance.retryAfterSeconds));
      return html(
        res,
        429,
        await this.postPage(site, post, {
          values: form.values,
          problem: `Many comments have come from your connection in the last hour. Please try again in about ${Math.ceil(allowance.retryAfterSeconds / 60)} minutes: what you wrote is still here.`,
        }),
      );
    }
    await this.comments.submit(post, form.values, req.ip ?? null);
    return done();
  }

  /** The form's address opened directly (e.g. a reload after an error): back to the post. */
  @Get(':org/:post/comments')
  @Public()
  async commentsAddress(@Param('org') org: string, @Param('post') slug: string, @Res() res: Response) {
    const site = await this.posts.site(org);
    const post = await this.postOf(site, slug, res);
    if (post) res.redirect(303, `${this.path(site, post)}#comments-title`);
  }

  /** Any other address under a blog: the blog's own friendly 404. */
  @Get(':org/*rest')
  @Public()
  async unknown(@Param('org') org: string, @Res() res: Response) {
    html(res, 404, this.pages.notFound(await this.posts.site(org)));
  }

  private path(site: BlogSite, post: BlogPost): string {
    return new URL(this.posts.postUrl(site.slug, post.slug)).pathname;
  }

  private async postOf(site: BlogSite, slug: string, res: Response): Promise<BlogPost | null> {
    try {
      return await this.posts.post(site, slug);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      html(res, 404, this.pages.notFound(site));
      return null;
    }
  }

  private async postPage(site: BlogSite, post: BlogPost, form: CommentFormState): Promise<string> {
    return this.pages.post(site, post, await this.comments.threads(site, post), form);
  }

  private xml(res: Response, type: string, body: string): void {
    res.status(200).type(type).setHeader('Cache-Control', 'public, max-age=300').send(body);
  }
}
