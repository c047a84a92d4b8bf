import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock, ConflictError, NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type {
  BlogCommentPage,
  BlogCommentStatus,
  BlogCommentSummary,
  FieldViolation,
} from '@carecast/shared/contracts';
import { BlogRepository } from './blog.repository';
import type {
  BlogComment,
  BlogCommentWithPost,
  BlogPost,
  BlogSite,
  CommentFormValues,
  CommentInput,
  CommentThread,
} from './blog.types';
import { BlogUrls } from './blog-urls';

export const COMMENT_NAME_MAX = 80;
export const COMMENT_EMAIL_MAX = 254;
export const COMMENT_BODY_MAX = 5_000;
const MENTIONS_PAGE_SIZE = 100;
const MODERATION_PAGE_SIZE = 50;

type OrgContext = AuditContext & { organisationId: string };

/** What a submitted comment form says: the values as typed, what is wrong, and the honeypot. */
export interface CommentForm {
  values: CommentFormValues;
  violations: FieldViolation[];
  /** True when the hidden field was filled in: a robot, to be thanked and ignored. */
  isRobot: boolean;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
// Control characters other than tab and line breaks have no place in a name or a comment.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Read and check a comment form (no side effects): messages name the field in plain words. */
export function readCommentForm(input: CommentInput): CommentForm {
  const values: CommentFormValues = {
    name: text(input.name).replace(CONTROL, '').trim(),
    email: text(input.email).replace(CONTROL, '').trim(),
    comment: text(input.comment).replace(/\r\n?/g, '\n').replace(CONTROL, '').trim(),
  };
  const violations: FieldViolation[] = [];
  if (!values.name) violations.push({ field: 'name', rule: 'required', message: 'Enter your name.' });
  else if (values.name.length > COMMENT_NAME_MAX)
    violations.push({
      field: 'name',
      rule: 'maxLength',
      message: `Your name can be at most ${COMMENT_NAME_MAX} characters long.`,
    });
  if (values.email && (values.email.length > COMMENT_EMAIL_MAX || !EMAIL.test(values.email)))
    violations.push({
      field: 'email',
      rule: 'email',
      message: 'Enter an email address like name@example.com, or leave it empty.',
    });
  if (!values.comment)
    violations.push({ field: 'comment', rule: 'required', message: 'Write your comment.' });
  else if (values.comment.length > COMMENT_BODY_MAX)
    violations.push({
      field: 'comment',
      rule: 'maxLength',
      message: `Your comment can be at most ${COMMENT_BODY_MAX} characters long; it has ${values.comment.length}.`,
    });
  return { values, violations, isRobot: text(input.website).trim() !== '' };
}

/** Approved comments as threads: a reply shows only under a parent that shows. */
export function threadsOf(comments: BlogComment[]): CommentThread[] {
  const visible = comments.filter((c) => c.status === 'approved');
  const byParent = new Map<string | null, BlogComment[]>();
  for (const c of visible) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const build = (parentId: string | null): CommentThread[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.seq - b.seq)
      .map((comment) => ({ comment, replies: build(comment.id) }));
  return build(null);
}

/** Visitor comments on the Carecast blog: held for moderation, replies, and the moderation queue. */
@Injectable()
export class BlogCommentsService {
  private readonly urls: BlogUrls;
  private readonly addressKey: Buffer;

  constructor(
    private readonly repository: BlogRepository,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.urls = new BlogUrls(config.http.publicUrl);
    const key = config.encryption.keys[config.encryption.activeKeyId];
    this.addressKey = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), 'carecast:blog-visitor-address', 32),
    );
  }

  /** A keyed hash of a visitor's address: the same address gives the same hash, which reveals nothing. */
  hashAddress(ip: string | null): string | null {
    return ip ? createHmac('sha256', this.addressKey).update(ip).digest('base64url') : null;
  }

  /** Store a visitor's comment, held as pending until someone approves it. */
  async submit(post: BlogPost, values: CommentFormValues, ip: string | null): Promise<BlogComment> {
    const { violations } = readCommentForm(values);
    if (violations.length) throw new ValidationError(violations[0].message, violations);
    return this.db.run((tx) =>
      this.repository.insertComment(
        {
          organisationId: post.organisationId,
          postId: post.id,
          parentId: null,
          authorName: values.name,
          authorEmail: values.email || null,
          body: values.comment,
          status: 'pending',
          fromPractice: false,
          ipHash: this.hashAddress(ip),
          createdAt: this.clock.now(),
        },
        tx,
      ),
    );
  }

  /** The approved comments of a post, threaded. */
  async threads(site: BlogSite, post: BlogPost): Promise<CommentThread[]> {
    return threadsOf(await this.repository.commentsOfPost(site.id, post.id, ['approved']));
  }

  /** How many approved visitors' comments each live post has; posts the blog does not show are absent. */
  approvedCommentCounts(organisationId: string, postIds: string[]): Promise<Map<string, number>> {
    return this.repository.approvedVisitorCommentCounts(organisationId, [...new Set(postIds)]);
  }

  /** Visitors' comments after the cursor (the `seq` of the last one seen), in order; at most one page. */
  async visitorComments(
    organisationId: string,
    cursor: string | null,
  ): Promise<{ comments: BlogCommentWithPost[]; cursor: string | null }> {
    const after = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0)
      throw new ValidationError('The cursor is not valid.', [
        { field: 'cursor', rule: 'cursor', message: 'use the cursor of the previous call' },
      ]);
    const comments = await this.repository.visitorCommentsAfter(organisationId, after, MENTIONS_PAGE_SIZE);
    return { comments, cursor: comments.length ? String(comments[comments.length - 1].seq) : cursor };
  }

  /**
   * A reply from the practice, published at once, under a comment (which is approved by
   * replying to it if it was pending) or, given a post id, at the top of the post's comments.
   */
  async reply(
    organisationId: string,
    toId: string,
    body: string,
  ): Promise<{ comment: BlogComment; url: string }> {
    const trimmed = body.replace(/\r\n?/g, '\n').trim();
    if (!trimmed)
      throw new ValidationError('A reply needs some text.', [
        { field: 'text', rule: 'required', message: 'A reply needs some text.' },
      ]);
    if (trimmed.length > COMMENT_BODY_MAX)
      throw new ValidationError(`A reply can be at most ${COMMENT_BODY_MAX} characters long.`, [
        { field: 'text', rule: 'maxLength', message: `at most ${COMMENT_BODY_MAX} characters` },
      ]);
    const org = await this.repository.organisation(organisationId);
    if (!org) throw new NotFoundError('No such organisation.');
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const parent = await this.repository.comment(organisationId, toId, tx);
      const post = parent ? null : await this.repository.postById(organisationId, toId, tx);
      if (!parent && !post) throw new NotFoundError('The blog has no such comment or post.');
      if (parent?.status === 'pending')
        await this.repository.setCommentStatus(organisationId, parent.id, 'approved', null, now, tx);
      const comment = await this.repository.insertComment(
        {
          organisationId,
          postId: parent?.postId ?? (post as BlogPost).id,
          parentId: parent?.id ?? null,
          authorName: org.name.slice(0, COMMENT_NAME_MAX),
          authorEmail: null,
          body: trimmed,
          status: 'approved',
          fromPractice: true,
          ipHash: null,
          createdAt: now,
        },
        tx,
      );
      const postSlug = parent?.postSlug ?? (post as BlogPost).slug;
      return { comment, url: this.urls.url(`${this.urls.post(org.slug, postSlug)}#comment-${comment.id}`) };
    });
  }

  /** Take a comment off the blog (it stays on record). */
  async hide(organisationId: string, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const comment = await this.repository.comment(organisationId, id, tx);
      if (!comment) throw new NotFoundError('The blog has no such comment.');
      await this.repository.setCommentStatus(organisationId, id, 'hidden', null, this.clock.now(), tx);
    });
  }

  /** Approve or reject a comment; recorded in the audit trail. */
  async moderate(ctx: OrgContext, id: string, decision: 'approve' | 'reject'): Promise<BlogCommentSummary> {
    const status: BlogCommentStatus = decision === 'approve' ? 'approved' : 'rejected';
    return this.db.run(async (tx) => {
      const before = await this.repository.comment(ctx.organisationId, id, tx);
      if (!before) throw new NotFoundError('The blog has no such comment.');
      if (before.fromPractice) throw new ConflictError('Replies from the practice are not moderated.');
      if (before.status !== status) {
        await this.repository.setCommentStatus(
          ctx.organisationId,
          id,
          status,
          ctx.actorUserId,
          this.clock.now(),
          tx,
        );
        await this.audit.record(
          ctx,
          {
            action: `blog_comment.${status}`,
            entityType: 'blog_comment',
            entityId: id,
            before: { status: before.status },
            after: { status },
          },
          tx,
        );
      }
      return this.summary({ ...before, status });
    });
  }

  /** The moderation queue: newest first, in one state or all. */
  async list(
    organisationId: string,
    status: BlogCommentStatus | null,
    cursor: string | null,
  ): Promise<BlogCommentPage> {
    const before = cursor === null ? null : Number(cursor);
    if (before !== null && (!Number.isSafeInteger(before) || before < 1))
      throw new ValidationError('The cursor is not valid.', [
        { field: 'cursor', rule: 'cursor', message: 'use the nextCursor of the previous page' },
      ]);
    const rows = await this.repository.commentsForModeration(
      organisationId,
      status,
      before,
      MODERATION_PAGE_SIZE + 1,
    );
    const page = rows.slice(0, MODERATION_PAGE_SIZE);
    return {
      comments: page.map((c) => this.summary(c)),
      nextCursor: rows.length > MODERATION_PAGE_SIZE ? String(page[page.length - 1].seq) : null,
    };
  }

  /** The public address of a comment (it shows there once approved). */
  commentUrl(c: BlogCommentWithPost): string {
    return this.urls.url(`${this.urls.post(c.organisationSlug, c.postSlug)}#comment-${c.id}`);
  }

  private summary(c: BlogCommentWithPost): BlogCommentSummary {
    return {
      id: c.id,
      postId: c.postId,
      postTitle: c.postTitle,
      postUrl: this.urls.url(this.urls.post(c.organisationSlug, c.postSlug)),
      parentId: c.parentId,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      body: c.body,
      status: c.status,
      fromPractice: c.fromPractice,
      createdAt: c.createdAt.toISOString(),
    };
  }
}
