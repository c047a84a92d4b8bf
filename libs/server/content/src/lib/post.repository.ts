import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type {
  AlertUrgency,
  ChannelKind,
  MediaContentType,
  PersonRef,
  PostKind,
  PostSnapshot,
  PostSort,
  PostState,
} from '@carecast/shared/contracts';

interface PostRow {
  id: string;
  organisation_id: string;
  author_id: string | null;
  author_name: string | null;
  kind: PostKind;
  state: PostState;
  urgency: AlertUrgency | null;
  valid_from: Date | null;
  valid_until: Date | null;
  all_clear_text: string | null;
  text: string;
  link: string | null;
  tags: string[];
  spanish_text: string | null;
  spanish_title: string | null;
  spanish_body: string | null;
  scheduled_at: Date | null;
  submitted_at: Date | null;
  revision: number;
  content_hash: string;
  last_edited_by: string | null;
  last_editor_name: string | null;
  created_at: Date;
  updated_at: Date;
}

interface VariantRow {
  post_id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  text: string | null;
  title: string | null;
  body: string | null;
}

interface ImageRow {
  post_id: string;
  media_id: string;
  alt_text: string | null;
  decorative: boolean;
  sha256: string;
  content_type: MediaContentType;
  width: number;
  height: number;
}

/** The state and hash of a post, what the workflow reads and changes. */
export interface PostHead {
  id: string;
  organisationId: string;
  authorId: string | null;
  kind: PostKind;
  urgency: AlertUrgency | null;
  state: PostState;
  revision: number;
  contentHash: string;
  scheduledAt: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

/** An image of a post with what the api shows of its file. */
export interface PostImageRecord {
  mediaId: string;
  contentType: MediaContentType;
  width: number;
  height: number;
}

/** A whole post as stored. */
export interface PostRecord extends PostHead {
  author: PersonRef | null;
  lastEditedBy: PersonRef | null;
  createdAt: string;
  content: PostSnapshot;
  images: PostImageRecord[];
}

export interface PostFilters {
  states?: PostState[];
  kind?: PostKind;
  channelId?: string;
  tag?: string;
  search?: string;
  scheduledFrom?: Date;
  scheduledTo?: Date;
  sort: PostSort;
  offset: number;
  limit: number;
}

/** What a saved revision writes to the post row. */
export interface PostWrite {
  content: PostSnapshot;
  contentHash: string;
  state: PostState;
  editorId: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null): PersonRef | null =>
  id ? { id, name: name ?? 'Former member' } : null;

const headOf = (r: PostRow): PostHead => ({
  id: r.id,
  organisationId: r.organisation_id,
  authorId: r.author_id,
  kind: r.kind,
  urgency: r.urgency,
  state: r.state,
  revision: r.revision,
  contentHash: r.content_hash,
  scheduledAt: iso(r.scheduled_at),
  submittedAt: iso(r.submitted_at),
  updatedAt: r.updated_at.toISOString(),
});

const SELECT_POST = `
  SELECT p.*, a.display_name AS author_name, e.display_name AS last_editor_name
    FROM post p
    LEFT JOIN app_user a ON a.id = p.author_id
    LEFT JOIN app_user e ON e.id = p.last_edited_by`;

const ORDER: Record<PostSort, string> = {
  updated_desc: 'p.updated_at DESC, p.id',
  created_asc: 'p.created_at ASC, p.id',
  submitted_asc: 'p.submitted_at ASC NULLS LAST, p.created_at ASC, p.id',
  scheduled_asc: 'p.scheduled_at ASC NULLS LAST, p.created_at ASC, p.id',
};

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Posts with their variants and images. Every query is scoped by organisation id: a post of
 * another organisation is not found.
 */
@Injectable()
export class PostRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async get(
    organisationId: string,
    id: string,
    tx?: Tx,
    options: { lock?: boolean } = {},
  ): Promise<PostRecord | null> {
    if (options.lock && tx) await this.lockRow(tx, organisationId, id);
    const [row] = await this.q<PostRow>(tx, `${SELECT_POST} WHERE p.organisation_id = $1 AND p.id = $2`, [
      organisationId,
      id,
    ]);
    if (!row) return null;
    const [record] = await this.withParts(tx, [row]);
    return record;
  }

  private async lockRow(tx: Tx, organisationId: string, id: string): Promise<void> {
    await this.q(tx, `SELECT id FROM post WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [
      organisationId,
      id,
    ]);
  }

  /**
   * The post's state, revision and hash; with `lock`, the row stays locked until `tx` ends (no
   * edit or other move can happen in between).
   */
  async head(
    organisationId: string,
    id: string,
    tx?: Tx,
    options: { lock?: boolean } = {},
  ): Promise<PostHead | null> {
    const [row] = await this.q<PostRow>(
      tx,
      `SELECT p.*, NULL AS author_name, NULL AS last_editor_name FROM post p
        WHERE p.organisation_id = $1 AND p.id = $2${options.lock && tx ? ' FOR UPDATE' : ''}`,
      [organisationId, id],
    );
    return row ? headOf(row) : null;
  }

  async list(organisationId: string, f: PostFilters): Promise<{ records: PostRecord[]; total: number }> {
    const where = ['p.organisation_id = $1'];
    const params: unknown[] = [organisationId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.states?.length) where.push(`p.state = ANY(${param(f.states)}::text[])`);
    if (f.kind) where.push(`p.kind = ${param(f.kind)}`);
    if (f.channelId)
      where.push(
        `EXISTS (SELECT 1 FROM post_variant v WHERE v.post_id = p.id AND v.channel_id = ${param(f.channelId)})`,
      );
    if (f.tag) where.push(`EXISTS (SELECT 1 FROM unnest(p.tags) t WHERE lower(t) = lower(${param(f.tag)}))`);
    if (f.scheduledFrom) where.push(`p.scheduled_at >= ${param(f.scheduledFrom)}`);
    if (f.scheduledTo) where.push(`p.scheduled_at < ${param(f.scheduledTo)}`);
    if (f.search) {
      const like = param(`%${likeLiteral(f.search)}%`);
      where.push(`(p.text ILIKE ${like} OR p.spanish_text ILIKE ${like} OR p.spanish_title ILIKE ${like}
        OR array_to_string(p.tags, ' ') ILIKE ${like}
        OR EXISTS (SELECT 1 FROM post_variant v WHERE v.post_id = p.id
                    AND (v.text ILIKE ${like} OR v.title ILIKE ${like})))`);
    }
    const condition = where.join(' AND ');
    const [{ total }] = await this.q<{ total: number }>(
      undefined,
      `SELECT count(*)::int AS total FROM post p WHERE ${condition}`,
      params,
    );
    const rows = await this.q<PostRow>(
      undefined,
      `${SELECT_POST} WHERE ${condition} ORDER BY ${ORDER[f.sort]} LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`,
      params,
    );
    return { records: await this.withParts(undefined, rows), total };
  }

  private async withParts(tx: Tx | undefined, rows: PostRow[]): Promise<PostRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const variants = await this.q<VariantRow>(
      tx,
      `SELECT v.post_id, v.channel_id, c.kind AS channel_kind, v.text, v.title, v.body
         FROM post_variant v JOIN channel c ON c.id = v.channel_id
        WHERE v.post_id = ANY($1::uuid[]) ORDER BY v.post_id, v.position`,
      [ids],
    );
    const images = await this.q<ImageRow>(
      tx,
      `SELECT pm.post_id, pm.media_id, pm.alt_text, pm.decorative, m.sha256, m.content_type, m.width, m.height
         FROM post_media pm JOIN media_asset m ON m.id = pm.media_id
        WHERE pm.post_id = ANY($1::uuid[]) ORDER BY pm.post_id, pm.position`,
      [ids],
    );
    return rows.map((r) => {
      const own = images.filter((i) => i.post_id === r.id);
      return {
        ...headOf(r),
        author: person(r.author_id, r.author_name),
        lastEditedBy: person(r.last_edited_by, r.last_editor_name),
        createdAt: r.created_at.toISOString(),
        content: {
          kind: r.kind,
          urgency: r.urgency,
          validFrom: iso(r.valid_from),
          validUntil: iso(r.valid_until),
          allClearText: r.all_clear_text,
          text: r.text,
          link: r.link,
          tags: r.tags,
          variants: variants
            .filter((v) => v.post_id === r.id)
            .map((v) => ({
              channelId: v.channel_id,
              channelKind: v.channel_kind,
              text: v.text,
              title: v.title,
              body: v.body,
            })),
          images: own.map((i) => ({
            mediaId: i.media_id,
            sha256: i.sha256,
            altText: i.alt_text,
            decorative: i.decorative,
          })),
          spanish:
            r.spanish_text === null
              ? null
              : { text: r.spanish_text, title: r.spanish_title, body: r.spanish_body },
          scheduledAt: iso(r.scheduled_at),
        },
        images: own.map((i) => ({
          mediaId: i.media_id,
          contentType: i.content_type,
          width: i.width,
          height: i.height,
        })),
      };
    });
  }

  /** A new post at revision 1; its variants and images too. */
  async insert(tx: Tx, organisationId: string, authorId: string | null, w: PostWrite): Promise<string> {
    const [{ id }] = await this.q<{ id: string }>(
      tx,
      `INSERT INTO post (organisation_id, author_id, kind, state, urgency, valid_from, valid_until,
                         all_clear_text, text, link, tags, spanish_text, spanish_title, spanish_body,
                         scheduled_at, revision, content_hash, last_edited_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $2)
       RETURNING id`,
      [organisationId, authorId, ...this.columns(w)],
    );
    await this.replaceParts(tx, id, w.content);
    return id;
  }

  /**
   * Save the next revision, only if the post is still at `fromRevision` (else null: someone saved
   * in between). Replaces its variants and images.
   */
  async update(
    tx: Tx,
    organisationId: string,
    id: string,
    fromRevision: number,
    w: PostWrite,
  ): Promise<number | null> {
    const [row] = await this.q<{ revision: number }>(
      tx,
      `UPDATE post SET kind = $4, state = $5, urgency = $6, valid_from = $7, valid_until = $8,
              all_clear_text = $9, text = $10, link = $11, tags = $12, spanish_text = $13,
              spanish_title = $14, spanish_body = $15, scheduled_at = $16, content_hash = $17,
              last_edited_by = $18, revision = revision + 1, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND revision = $3
        RETURNING revision`,
      [organisationId, id, fromRevision, ...this.columns(w), w.editorId],
    );
    if (!row) return null;
    await this.replaceParts(tx, id, w.content);
    return row.revision;
  }

  private columns(w: PostWrite): unknown[] {
    const c = w.content;
    return [
      c.kind,
      w.state,
      c.urgency,
      c.validFrom,
      c.validUntil,
      c.allClearText,
      c.text,
      c.link,
      c.tags,
      c.spanish?.text ?? null,
      c.spanish?.title ?? null,
      c.spanish?.body ?? null,
      c.scheduledAt,
      w.contentHash,
    ];
  }

  private async replaceParts(tx: Tx, postId: string, c: PostSnapshot): Promise<void> {
    await this.q(tx, `DELETE FROM post_variant WHERE post_id = $1`, [postId]);
    await this.q(tx, `DELETE FROM post_media WHERE post_id = $1`, [postId]);
    if (c.variants.length)
      await this.q(
        tx,
        `INSERT INTO post_variant (post_id, channel_id, position, text, title, body)
         SELECT $1, v.channel_id, v.position - 1, v.text, v.title, v.body
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
                AS v(channel_id, text, title, body, position)`,
        [
          postId,
          c.variants.map((v) => v.channelId),
          c.variants.map((v) => v.text),
          c.variants.map((v) => v.title),
          c.variants.map((v) => v.body),
        ],
      );
    if (c.images.length)
      await this.q(
        tx,
        `INSERT INTO post_media (post_id, media_id, position, alt_text, decorative)
         SELECT $1, m.media_id, m.position - 1, m.alt_text, m.decorative
           FROM unnest($2::uuid[], $3::text[], $4::boolean[]) WITH ORDINALITY
                AS m(media_id, alt_text, decorative, position)`,
        [
          postId,
          c.images.map((i) => i.mediaId),
          c.images.map((i) => i.altText),
          c.images.map((i) => i.decorative),
        ],
      );
  }

  /**
   * Move the post to `toState` if it is in one of `fromStates`, inside the caller's transaction
   * (the workflow's). Answers the post's head after the move, or null when the post does not
   * exist in this organisation or was not in one of those states (nothing changed). Sending it
   * for review (`in_review`) records when.
   */
  async transition(
    tx: Tx,
    organisationId: string,
    postId: string,
    fromStates: readonly PostState[],
    toState: PostState,
  ): Promise<PostHead | null> {
    const [row] = await this.q<PostRow>(
      tx,
      `UPDATE post SET state = $4, updated_at = now(),
              submitted_at = CASE WHEN $4 = 'in_review' THEN now() ELSE submitted_at END
        WHERE organisation_id = $1 AND id = $2 AND state = ANY($3::text[])
        RETURNING *`,
      [organisationId, postId, [...fromStates], toState],
    );
    return row ? headOf(row) : null;
  }

  /**
   * The organisation's posts that go to the channel, their rows locked until `tx` ends (no edit
   * or workflow move in between), oldest first.
   */
  async targetingChannel(
    tx: Tx,
    organisationId: string,
    channelId: string,
  ): Promise<Array<{ id: string; state: PostState }>> {
    return this.q<{ id: string; state: PostState }>(
      tx,
      `SELECT p.id, p.state FROM post p
        WHERE p.organisation_id = $1
          AND EXISTS (SELECT 1 FROM post_variant v WHERE v.post_id = p.id AND v.channel_id = $2)
        ORDER BY p.created_at, p.id
          FOR UPDATE OF p`,
      [organisationId, channelId],
    );
  }

  /** Delete a draft that was never sent for review; false when there is none such. */
  async deleteUnsubmittedDraft(tx: Tx, organisationId: string, id: string): Promise<boolean> {
    const rows = await this.q<{ id: string }>(
      tx,
      `DELETE FROM post WHERE organisation_id = $1 AND id = $2 AND state = 'draft' AND submitted_at IS NULL
       RETURNING id`,
      [organisationId, id],
    );
    return rows.length === 1;
  }
}
