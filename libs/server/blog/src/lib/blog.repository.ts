import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { BlogCommentStatus } from '@carecast/shared/contracts';
import type {
  BlogComment,
  BlogCommentWithPost,
  BlogImage,
  BlogImageMeta,
  BlogOrganisation,
  BlogPost,
  BlogSite,
} from './blog.types';

interface OrgRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
}

interface PostRow {
  id: string;
  organisation_id: string;
  channel_id: string | null;
  slug: string;
  title: string;
  source_text: string;
  body_html: string;
  excerpt: string;
  link: string | null;
  published_at: Date;
}

interface CommentRow {
  id: string;
  seq: string;
  organisation_id: string;
  post_id: string;
  parent_id: string | null;
  author_name: string;
  author_email: string | null;
  body: string;
  status: BlogCommentStatus;
  from_practice: boolean;
  ip_hash: string | null;
  created_at: Date;
}

const organisation = (r: OrgRow): BlogOrganisation => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
});

const post = (r: PostRow, images: BlogImageMeta[] = []): BlogPost => ({
  id: r.id,
  organisationId: r.organisation_id,
  channelId: r.channel_id,
  slug: r.slug,
  title: r.title,
  sourceText: r.source_text,
  bodyHtml: r.body_html,
  excerpt: r.excerpt,
  link: r.link,
  publishedAt: r.published_at,
  images,
});

const comment = (r: CommentRow): BlogComment => ({
  id: r.id,
  seq: Number(r.seq),
  organisationId: r.organisation_id,
  postId: r.post_id,
  parentId: r.parent_id,
  authorName: r.author_name,
  authorEmail: r.author_email,
  body: r.body,
  status: r.status,
  fromPractice: r.from_practice,
  ipHash: r.ip_hash,
  createdAt: r.created_at,
});

type CommentWithPostRow = CommentRow & { post_slug: string; post_title: string; org_slug: string };

const commentWithPost = (r: CommentWithPostRow): BlogCommentWithPost => ({
  ...comment(r),
  postSlug: r.post_slug,
  postTitle: r.post_title,
  organisationSlug: r.org_slug,
});

const COMMENT_WITH_POST = `SELECT c.*, p.slug AS post_slug, p.title AS post_title, o.slug AS org_slug
         FROM blog_comment c
         JOIN blog_post p ON p.id = c.post_id
         JOIN organisation o ON o.id = c.organisation_id`;

const POST_COLUMNS = `p.id, p.organisation_id, p.channel_id, p.slug, p.title, p.source_text, p.body_html,
  p.excerpt, p.link, p.published_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Blog posts, images and comments. Every query is scoped by organisation id. */
@Injectable()
export class BlogRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async organisation(id: string): Promise<BlogOrganisation | null> {
    const [r] = await this.q<OrgRow>(
      undefined,
      `SELECT id, slug, name, time_zone FROM organisation WHERE id = $1`,
      [id],
    );
    return r ? organisation(r) : null;
  }

  /** The organisation of this slug, if it has a connected (not disabled) Carecast blog channel. */
  async site(slug: string): Promise<BlogSite | null> {
    const [r] = await this.q<OrgRow & { channel_id: string }>(
      undefined,
      `SELECT o.id, o.slug, o.name, o.time_zone, c.id AS channel_id
         FROM organisation o
         JOIN channel c ON c.organisation_id = o.id AND c.kind = 'carecast_blog' AND c.status = 'connected'
        WHERE o.slug = $1
        ORDER BY c.created_at
        LIMIT 1`,
      [slug],
    );
    return r ? { ...organisation(r), channelId: r.channel_id } : null;
  }

  /** Insert a post unless its slug is taken in the organisation (then null: try another). */
  async insertPost(p: Omit<BlogPost, 'id' | 'images'>, tx: Tx): Promise<BlogPost | null> {
    const [r] = await this.q<PostRow>(
      tx,
      `INSERT INTO blog_post AS p (organisation_id, channel_id, slug, title, source_text, body_html, excerpt, link, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organisation_id, slug) DO NOTHING
       RETURNING ${POST_COLUMNS}`,
      [
        p.organisationId,
        p.channelId,
        p.slug,
        p.title,
        p.sourceText,
        p.bodyHtml,
        p.excerpt,
        p.link,
        p.publishedAt,
      ],
    );
    return r ? post(r) : null;
  }

  async insertImage(
    i: {
      organisationId: string;
      postId: string;
      position: number;
      mimeType: string;
      altText: string;
      bytes: Buffer;
    },
    tx: Tx,
  ): Promise<BlogImageMeta> {
    const [r] = await this.q<{ id: string }>(
      tx,
      `INSERT INTO blog_image (organisation_id, post_id, position, mime_type, alt_text, bytes)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [i.organisationId, i.postId, i.position, i.mimeType, i.altText, i.bytes],
    );
    return { id: r.id, position: i.position, mimeType: i.mimeType, altText: i.altText };
  }

  /** Take a post off the blog, keeping it as a record. False if there is no such post. */
  async softDeletePost(organisationId: string, id: string, at: Date): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await this.q<{ id: string }>(
      undefined,
      `UPDATE blog_post SET deleted_at = coalesce(deleted_at, $3)
        WHERE organisation_id = $1 AND id = $2 RETURNING id`,
      [organisationId, id, at],
    );
    return rows.length === 1;
  }

  async countPosts(organisationId: string): Promise<number> {
    const [r] = await this.q<{ n: number }>(
      undefined,
      `SELECT count(*)::int AS n FROM blog_post WHERE organisation_id = $1 AND deleted_at IS NULL`,
      [organisationId],
    );
    return r.n;
  }

  /** Published posts, newest first. */
  async listPosts(organisationId: string, limit: number, offset: number): Promise<BlogPost[]> {
    const rows = await this.q<PostRow>(
      undefined,
      `SELECT ${POST_COLUMNS} FROM blog_post p
        WHERE p.organisation_id = $1 AND p.deleted_at IS NULL
        ORDER BY p.published_at DESC, p.id DESC
        LIMIT $2 OFFSET $3`,
      [organisationId, limit, offset],
    );
    return this.withImages(organisationId, rows);
  }

  async postsSince(organisationId: string, since: Date): Promise<BlogPost[]> {
    const rows = await this.q<PostRow>(
      undefined,
      `SELECT ${POST_COLUMNS} FROM blog_post p
        WHERE p.organisation_id = $1 AND p.deleted_at IS NULL AND p.published_at >= $2
        ORDER BY p.published_at DESC, p.id DESC`,
      [organisationId, since],
    );
    return this.withImages(organisationId, rows);
  }

  async postBySlug(organisationId: string, slug: string): Promise<BlogPost | null> {
    const rows = await this.q<PostRow>(
      undefined,
      `SELECT ${POST_COLUMNS} FROM blog_post p
        WHERE p.organisation_id = $1 AND p.slug = $2 AND p.deleted_at IS NULL`,
      [organisationId, slug],
    );
    return (await this.withImages(organisationId, rows))[0] ?? null;
  }

  async postById(organisationId: string, id: string, tx?: Tx): Promise<BlogPost | null> {
    if (!UUID.test(id)) return null;
    const rows = await this.q<PostRow>(
      tx,
      `SELECT ${POST_COLUMNS} FROM blog_post p
        WHERE p.organisation_id = $1 AND p.id = $2 AND p.deleted_at IS NULL`,
      [organisationId, id],
    );
    return rows[0] ? post(rows[0]) : null;
  }

  /** An image of a published post of the organisation. */
  async image(organisationId: string, id: string): Promise<BlogImage | null> {
    if (!UUID.test(id)) return null;
    const [r] = await this.q<{ id: string; mime_type: string; bytes: Buffer }>(
      undefined,
      `SELECT i.id, i.mime_type, i.bytes FROM blog_image i
         JOIN blog_post p ON p.id = i.post_id AND p.deleted_at IS NULL
        WHERE i.organisation_id = $1 AND i.id = $2`,
      [organisationId, id],
    );
    return r ? { id: r.id, mimeType: r.mime_type, bytes: r.bytes } : null;
  }

  private async withImages(organisationId: string, rows: PostRow[]): Promise<BlogPost[]> {
    if (!rows.length) return [];
    const images = await this.q<{
      id: string;
      post_id: string;
      position: number;
      mime_type: string;
      alt_text: string;
    }>(
      undefined,
      `SELECT id, post_id, position, mime_type, alt_text FROM blog_image
        WHERE organisation_id = $1 AND post_id = ANY($2::uuid[]) ORDER BY position`,
      [organisationId, rows.map((r) => r.id)],
    );
    return rows.map((r) =>
      post(
        r,
        images
          .filter((i) => i.post_id === r.id)
          .map((i) => ({ id: i.id, position: i.position, mimeType: i.mime_type, altText: i.alt_text })),
      ),
    );
  }

  /**
   * Insert a comment. Comments of one organisation are inserted one at a time (a transaction
   * lock), so their `seq` follows commit order and a reader paging by `seq` never skips one.
   */
  async insertComment(
    c: {
      organisationId: string;
      postId: string;
      parentId: string | null;
      authorName: string;
      authorEmail: string | null;
      body: string;
      status: BlogCommentStatus;
      fromPractice: boolean;
      ipHash: string | null;
      createdAt: Date;
    },
    tx: Tx,
  ): Promise<BlogComment> {
    await this.q(tx, `SELECT pg_advisory_xact_lock(hashtextextended('carecast:blog-comment:' || $1, 0))`, [
      c.organisationId,
    ]);
    const [r] = await this.q<CommentRow>(
      tx,
      `INSERT INTO blog_comment (organisation_id, post_id, parent_id, author_name, author_email, body, status,
                                 from_practice, ip_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING *`,
      [
        c.organisationId,
        c.postId,
        c.parentId,
        c.authorName,
        c.authorEmail,
        c.body,
        c.status,
        c.fromPractice,
        c.ipHash,
        c.createdAt,
      ],
    );
    return comment(r);
  }

  /** The comment (of a published post of the organisation), locked for update inside `tx`. */
  async comment(organisationId: string, id: string, tx?: Tx): Promise<BlogCommentWithPost | null> {
    if (!UUID.test(id)) return null;
    const [r] = await this.q<CommentWithPostRow>(
      tx,
      `${COMMENT_WITH_POST}
        WHERE c.organisation_id = $1 AND c.id = $2 AND p.deleted_at IS NULL
        ${tx ? 'FOR UPDATE OF c' : ''}`,
      [organisationId, id],
    );
    return r ? commentWithPost(r) : null;
  }

  async setCommentStatus(
    organisationId: string,
    id: string,
    status: BlogCommentStatus,
    moderatedBy: string | null,
    at: Date,
    tx: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `UPDATE blog_comment SET status = $3, moderated_by = $4, moderated_at = $5
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, status, moderatedBy, at],
    );
  }

  /** The comments of a post in the given states, oldest first. */
  async commentsOfPost(
    organisationId: string,
    postId: string,
    statuses: BlogCommentStatus[],
  ): Promise<BlogComment[]> {
    const rows = await this.q<CommentRow>(
      undefined,
      `SELECT * FROM blog_comment WHERE organisation_id = $1 AND post_id = $2 AND status = ANY($3::text[])
        ORDER BY seq`,
      [organisationId, postId, statuses],
    );
    return rows.map(comment);
  }

  /**
   * Per live post of the organisation among `postIds`: how many visitors' comments are approved
   * (the practice's replies do not count). Deleted, unknown and other organisations' posts are absent.
   */
  async approvedVisitorCommentCounts(
    organisationId: string,
    postIds: string[],
  ): Promise<Map<string, number>> {
    const ids = postIds.filter((id) => UUID.test(id));
    if (!ids.length) return new Map();
    const rows = await this.q<{ id: string; n: number }>(
      undefined,
      `SELECT p.id, count(c.id)::int AS n
         FROM blog_post p
         LEFT JOIN blog_comment c
           ON c.post_id = p.id AND c.organisation_id = p.organisation_id
          AND c.status = 'approved' AND NOT c.from_practice
        WHERE p.organisation_id = $1 AND p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL
        GROUP BY p.id`,
      [organisationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** Visitors' comments (not the practice's replies) after `afterSeq`, in order. */
  async visitorCommentsAfter(
    organisationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<BlogCommentWithPost[]> {
    const rows = await this.q<CommentWithPostRow>(
      undefined,
      `${COMMENT_WITH_POST}
        WHERE c.organisation_id = $1 AND c.seq > $2 AND NOT c.from_practice
        ORDER BY c.seq
        LIMIT $3`,
      [organisationId, afterSeq, limit],
    );
    return rows.map(commentWithPost);
  }

  /** Comments for moderation, newest first, optionally in one state, before `beforeSeq`. */
  async commentsForModeration(
    organisationId: string,
    status: BlogCommentStatus | null,
    beforeSeq: number | null,
    limit: number,
  ): Promise<BlogCommentWithPost[]> {
    const rows = await this.q<CommentWithPostRow>(
      undefined,
      `${COMMENT_WITH_POST}
        WHERE c.organisation_id = $1
          AND ($2::text IS NULL OR c.status = $2)
          AND ($3::bigint IS NULL OR c.seq < $3)
        ORDER BY c.seq DESC
        LIMIT $4`,
      [organisationId, status, beforeSeq, limit],
    );
    return rows.map(commentWithPost);
  }
}
