import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { PostSnapshot, PostVersion, PostVersionSummary } from '@carecast/shared/contracts';

interface VersionRow {
  revision: number;
  content_hash: string;
  editor_id: string | null;
  editor_name: string | null;
  created_at: Date;
  snapshot?: PostSnapshot;
}

const summaryOf = (r: VersionRow): PostVersionSummary => ({
  revision: r.revision,
  contentHash: r.content_hash,
  editor: r.editor_id ? { id: r.editor_id, name: r.editor_name ?? 'Former member' } : null,
  createdAt: r.created_at.toISOString(),
});

/** One row per saved revision of a post, never changed afterwards; scoped by organisation. */
@Injectable()
export class PostVersionRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async append(
    tx: Tx,
    v: {
      organisationId: string;
      postId: string;
      revision: number;
      snapshot: PostSnapshot;
      contentHash: string;
      editorId: string | null;
    },
  ): Promise<void> {
    await this.q(
      tx,
      `INSERT INTO post_version (organisation_id, post_id, revision, snapshot, content_hash, editor_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [v.organisationId, v.postId, v.revision, JSON.stringify(v.snapshot), v.contentHash, v.editorId],
    );
  }

  /** Newest first. */
  async list(organisationId: string, postId: string): Promise<PostVersionSummary[]> {
    const rows = await this.q<VersionRow>(
      undefined,
      `SELECT v.revision, v.content_hash, v.editor_id, u.display_name AS editor_name, v.created_at
         FROM post_version v LEFT JOIN app_user u ON u.id = v.editor_id
        WHERE v.organisation_id = $1 AND v.post_id = $2
        ORDER BY v.revision DESC`,
      [organisationId, postId],
    );
    return rows.map(summaryOf);
  }

  async get(organisationId: string, postId: string, revision: number): Promise<PostVersion | null> {
    const [row] = await this.q<VersionRow>(
      undefined,
      `SELECT v.revision, v.content_hash, v.editor_id, u.display_name AS editor_name, v.created_at, v.snapshot
         FROM post_version v LEFT JOIN app_user u ON u.id = v.editor_id
        WHERE v.organisation_id = $1 AND v.post_id = $2 AND v.revision = $3`,
      [organisationId, postId, revision],
    );
    return row ? { ...summaryOf(row), snapshot: row.snapshot as PostSnapshot } : null;
  }

  /**
   * The snapshots of these revisions of the organisation's posts, in one query, keyed by
   * `versionKey(postId, revision)`; a revision not found (or of another organisation) is absent.
   */
  async snapshots(
    organisationId: string,
    refs: ReadonlyArray<{ postId: string; revision: number }>,
  ): Promise<Map<string, PostSnapshot>> {
    if (!refs.length) return new Map();
    const rows = await this.q<{ post_id: string; revision: number; snapshot: PostSnapshot }>(
      undefined,
      `SELECT v.post_id, v.revision, v.snapshot
         FROM post_version v
         JOIN unnest($2::uuid[], $3::int[]) AS r(post_id, revision)
           ON r.post_id = v.post_id AND r.revision = v.revision
        WHERE v.organisation_id = $1`,
      [organisationId, refs.map((r) => r.postId), refs.map((r) => r.revision)],
    );
    return new Map(rows.map((r) => [versionKey(r.post_id, r.revision), r.snapshot]));
  }
}

/** How `PostVersionRepository.snapshots` keys a revision of a post. */
export const versionKey = (postId: string, revision: number): string => `${postId}@${revision}`;
