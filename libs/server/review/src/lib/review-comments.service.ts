import { Injectable } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { Clock, NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { PostRepository } from '@carecast/server/content';
import { MembersService } from '@carecast/server/identity';
import { NotifyService } from '@carecast/server/notify';
import {
  permissionsOf,
  REVIEW_LIMITS,
  type CreateCommentRequest,
  type FieldViolation,
  type MentionablePerson,
  type ReviewComment,
  type Role,
} from '@carecast/shared/contracts';
import { postLink } from './post-decisions';
import { requiredText } from './required-text';
import { ReviewRepository } from './review.repository';
import type { ReviewActor, StoredComment } from './review.types';

/** Whether these roles let a member read posts (and so be mentioned in a comment on one). */
const canReadPosts = (roles: readonly Role[]): boolean =>
  permissionsOf(roles).some((p) => p === 'content.read' || p === 'review.read');

export const commentOf = (c: StoredComment): ReviewComment => ({
  id: c.id,
  postId: c.postId,
  revision: c.revision,
  author: c.author,
  text: c.text,
  mentions: c.mentions,
  createdAt: c.createdAt.toISOString(),
});

/** The first words of a comment, for a notification. */
function gist(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * Comments on a post, by any member who can read posts, with @mentions of other such members of
 * the same organisation: the mentioned are told (`mentioned`), the author and whoever took part
 * in the review before are told there is a new comment (`commented`).
 */
@Injectable()
export class ReviewCommentsService {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly posts: PostRepository,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly notify: NotifyService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(organisationId: string, postId: string): Promise<ReviewComment[]> {
    if (!(await this.posts.head(organisationId, postId))) throw new NotFoundError('No such post.');
    return (await this.reviews.comments(organisationId, postId)).map(commentOf);
  }

  /**
   * The people a comment on the post may mention: the active members of the organisation who can
   * read posts, by name, with their roles (never their addresses).
   */
  async mentionable(organisationId: string, postId: string): Promise<MentionablePerson[]> {
    if (!(await this.posts.head(organisationId, postId))) throw new NotFoundError('No such post.');
    return (await this.members.list(organisationId))
      .filter((m) => m.status === 'active' && canReadPosts(m.roles))
      .map((m) => ({ id: m.userId, name: m.displayName.trim() || 'Unnamed member', roles: m.roles }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /**
   * Add a comment. Each mentioned id must be an active member of this organisation who can read
   * posts (422 naming `mentionedUserIds.<n>` otherwise); mentioning oneself tells nobody.
   */
  async add(actor: ReviewActor, postId: string, request: CreateCommentRequest): Promise<ReviewComment> {
    const text = requiredText(request.text, 'text', 'Write the comment.');
    const mentioned = await this.resolveMentions(actor.organisationId, request.mentionedUserIds ?? []);
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const head = await this.posts.head(actor.organisationId, postId, tx);
      if (!head) throw new NotFoundError('No such post.');
      const participants = await this.reviews.participants(actor.organisationId, postId, tx);
      const comment = await this.reviews.insertComment(tx, {
        organisationId: actor.organisationId,
        postId,
        revision: head.revision,
        authorId: actor.actorUserId,
        authorName: actor.name,
        text,
        mentionedUserIds: mentioned,
        createdAt: now,
      });
      await this.audit.record(
        actor,
        {
          action: 'post.commented',
          entityType: 'post',
          entityId: postId,
          after: { commentId: comment.id, revision: head.revision, mentions: mentioned.length },
        },
        tx,
      );
      const others = mentioned.filter((id) => id !== actor.actorUserId);
      const common = {
        organisationId: actor.organisationId,
        link: postLink(postId),
        postId,
        actorUserId: actor.actorUserId,
        requestId: actor.requestId,
        body: gist(text),
      };
      if (others.length)
        await this.notify.notify(tx, {
          ...common,
          recipientUserIds: others,
          kind: 'mentioned',
          title: `${actor.name} mentioned you in a comment`,
        });
      const told = new Set([actor.actorUserId, ...others]);
      const concerned = [...new Set([...(head.authorId ? [head.authorId] : []), ...participants])].filter(
        (id) => !told.has(id),
      );
      if (concerned.length)
        await this.notify.notify(tx, {
          ...common,
          recipientUserIds: concerned,
          kind: 'commented',
          title: `${actor.name} commented on a post`,
        });
      return commentOf(comment);
    });
  }

  /** The mentioned ids, each once, checked: active members of the organisation who can read posts. */
  private async resolveMentions(organisationId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length > REVIEW_LIMITS.mentions)
      throw new ValidationError(`A comment may mention at most ${REVIEW_LIMITS.mentions} people.`, [
        { field: 'mentionedUserIds', rule: 'maxMentions', message: `At most ${REVIEW_LIMITS.mentions}.` },
      ]);
    if (!ids.length) return [];
    const members = new Map((await this.members.list(organisationId)).map((m) => [m.userId, m]));
    const violations: FieldViolation[] = [];
    ids.forEach((id, i) => {
      const m = members.get(id);
      if (!m || m.status !== 'active' || !canReadPosts(m.roles))
        violations.push({
          field: `mentionedUserIds.${i}`,
          rule: 'memberOfOrganisation',
          message: 'Only active members of this practice who can read posts can be mentioned.',
        });
    });
    if (violations.length)
      throw new ValidationError('Someone mentioned cannot be mentioned here.', violations);
    return [...new Set(ids)];
  }
}
