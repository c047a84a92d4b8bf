import { Injectable } from '@nestjs/common';
import { BlogCommentsService, BlogPostsService } from '@carecast/server/blog';
import { NotFoundError, ValidationError } from '@carecast/server/core';
import type {
  AdapterContext,
  ChannelAdapter,
  ChannelCapabilities,
  IncomingMention,
  PostMetrics,
  PublishRequest,
  PublishResult,
  RecentPost,
  VerifiedAccount,
} from '../../channel-adapter';
import { InvalidContentError } from '../../channel-errors';

/** The blog's own refusals, in the terms every adapter uses. */
async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidationError || err instanceof NotFoundError)
      throw new InvalidContentError(err.message);
    throw err;
  }
}

/**
 * The Carecast blog: hosted by the product itself at /blog/<organisation>/, so it needs no
 * outside account. Posts, comments (as mentions), replies and hiding go through the blog library.
 */
@Injectable()
export class CarecastBlogAdapter implements ChannelAdapter {
  readonly kind = 'carecast_blog' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: true,
    metrics: true,
    findRecent: true,
    maxImages: 4,
  };

  constructor(
    private readonly posts: BlogPostsService,
    private readonly comments: BlogCommentsService,
  ) {}

  /** Nothing to verify: the blog belongs to the organisation and lives at its slug. */
  async verifyCredentials(
    ctx: Omit<AdapterContext, 'channelId' | 'externalAccountId'>,
  ): Promise<VerifiedAccount> {
    const org = await classified(() => this.posts.organisation(ctx.organisationId));
    return { externalAccountId: org.slug, displayName: `${org.name} blog`, credentials: {} };
  }

  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    if ((request.images?.length ?? 0) > this.capabilities.maxImages)
      throw new InvalidContentError(`A blog post carries at most ${this.capabilities.maxImages} images.`);
    const { post, url } = await classified(() =>
      this.posts.publish({
        organisationId: ctx.organisationId,
        channelId: ctx.channelId,
        text: request.text,
        title: request.title,
        link: request.link,
        images: request.images,
      }),
    );
    return { externalId: post.id, url };
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await classified(() => this.posts.delete(ctx.organisationId, externalId));
  }

  /** Visitors' comments after the cursor (the sequence number of the last one), oldest first. */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const page = await classified(() => this.comments.visitorComments(ctx.organisationId, cursor));
    return {
      mentions: page.comments.map((c) => ({
        externalId: c.id,
        text: c.body,
        authorId: c.authorEmail ?? `visitor:${c.ipHash ?? c.id}`,
        authorName: c.authorName,
        createdAt: c.createdAt,
        conversationId: c.postId,
        inReplyToExternalId: c.parentId ?? c.postId,
        url: this.comments.commentUrl(c),
      })),
      cursor: page.cursor,
    };
  }

  /** A reply from the practice, shown at once under the comment (which it approves). */
  async reply(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult> {
    const { comment, url } = await classified(() =>
      this.comments.reply(ctx.organisationId, toExternalId, text),
    );
    return { externalId: comment.id, url };
  }

  async hide(ctx: AdapterContext, externalId: string): Promise<void> {
    await classified(() => this.comments.hide(ctx.organisationId, externalId));
  }

  /**
   * Comments are the post's approved visitors' comments (the practice's replies do not count); the
   * blog has no reactions or shares and counts no views. Deleted or unknown posts are left out.
   */
  async fetchMetrics(ctx: AdapterContext, externalIds: string[]): Promise<PostMetrics[]> {
    const counts = await this.comments.approvedCommentCounts(ctx.organisationId, externalIds);
    return [...new Set(externalIds)]
      .filter((id) => counts.has(id))
      .map((id) => ({
        externalId: id,
        reactions: 0,
        comments: counts.get(id) ?? 0,
        shares: 0,
        impressions: null,
      }));
  }

  async findRecent(ctx: AdapterContext, since: Date): Promise<RecentPost[]> {
    const posts = await this.posts.recent(ctx.organisationId, since);
    return posts.map((p) => ({
      externalId: p.id,
      text: p.sourceText,
      url: this.posts.postUrl(ctx.externalAccountId, p.slug),
      createdAt: p.publishedAt,
    }));
  }
}
