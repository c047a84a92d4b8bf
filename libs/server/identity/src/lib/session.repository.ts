import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { SessionRow, SessionStage } from './identity.types';

interface Row {
  id: string;
  user_id: string;
  organisation_id: string;
  stage: SessionStage;
  csrf_hash: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

const map = (r: Row): SessionRow => ({
  id: r.id,
  userId: r.user_id,
  organisationId: r.organisation_id,
  stage: r.stage,
  csrfHash: r.csrf_hash,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  ip: r.ip,
  userAgent: r.user_agent,
});

/** Server-side sessions, looked up by the hash of their cookie token. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async create(
    s: Omit<SessionRow, 'id' | 'revokedAt'> & { tokenHash: string },
    tx?: Tx,
  ): Promise<SessionRow> {
    const [r] = await this.q<Row>(
      tx,
      `INSERT INTO user_session (token_hash, csrf_hash, user_id, organisation_id, stage, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        s.tokenHash,
        s.csrfHash,
        s.userId,
        s.organisationId,
        s.stage,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
        s.ip,
        s.userAgent,
      ],
    );
    return map(r);
  }

  async byTokenHash(tokenHash: string): Promise<SessionRow | null> {
    const [r] = await this.q<Row>(undefined, `SELECT * FROM user_session WHERE token_hash = $1`, [tokenHash]);
    return r ? map(r) : null;
  }

  /** The organisation of the user's most recent session: where they were working last. */
  async lastOrganisationOf(userId: string): Promise<string | null> {
    const [r] = await this.q<{ organisation_id: string }>(
      undefined,
      `SELECT organisation_id FROM user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [userId],
    );
    return r?.organisation_id ?? null;
  }

  async byId(id: string): Promise<SessionRow | null> {
    const [r] = await this.q<Row>(undefined, `SELECT * FROM user_session WHERE id = $1`, [id]);
    return r ? map(r) : null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.q(undefined, `UPDATE user_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`, [
      id,
      at,
    ]);
  }

  async update(
    id: string,
    changes: { stage?: SessionStage; organisationId?: string },
    tx?: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `UPDATE user_session SET stage = coalesce($2, stage), organisation_id = coalesce($3, organisation_id) WHERE id = $1`,
      [id, changes.stage ?? null, changes.organisationId ?? null],
    );
  }

  async revoke(id: string, at: Date, reason: string, tx?: Tx): Promise<void> {
    await this.q(
      tx,
      `UPDATE user_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [id, at, reason],
    );
  }

  /** Revoke every live session of a user (optionally only those in one organisation); returns how many. */
  async revokeAllOf(
    userId: string,
    at: Date,
    reason: string,
    organisationId?: string,
    tx?: Tx,
  ): Promise<number> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE user_session SET revoked_at = $2, revoked_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR organisation_id = $4) RETURNING id`,
      [userId, at, reason, organisationId ?? null],
    );
    return rows.length;
  }

  /** A user's live sessions, newest activity first (optionally only those in one organisation). */
  async liveOf(userId: string, now: Date, organisationId?: string): Promise<SessionRow[]> {
    const rows = await this.q<Row>(
      undefined,
      `SELECT * FROM user_session WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
       AND ($3::uuid IS NULL OR organisation_id = $3) ORDER BY last_seen_at DESC`,
      [userId, now, organisationId ?? null],
    );
    return rows.map(map);
  }
}
