import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { MediaContentType } from '@carecast/shared/contracts';

interface Row {
  id: string;
  organisation_id: string;
  storage_key: string;
  content_type: MediaContentType;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  created_at: Date;
}

/** A stored image: its file is in the media storage under `storageKey`. */
export interface MediaAssetRecord {
  id: string;
  organisationId: string;
  storageKey: string;
  contentType: MediaContentType;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  createdAt: string;
}

const map = (r: Row): MediaAssetRecord => ({
  id: r.id,
  organisationId: r.organisation_id,
  storageKey: r.storage_key,
  contentType: r.content_type,
  byteSize: r.byte_size,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  createdAt: r.created_at.toISOString(),
});

/** Uploaded images; every query is scoped by organisation id. */
@Injectable()
export class MediaAssetRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async insert(
    tx: Tx,
    a: Omit<MediaAssetRecord, 'createdAt'> & { uploadedBy: string | null },
  ): Promise<MediaAssetRecord> {
    const [row] = await this.q<Row>(
      tx,
      `INSERT INTO media_asset (id, organisation_id, uploaded_by, storage_key, content_type, byte_size, width, height, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        a.id,
        a.organisationId,
        a.uploadedBy,
        a.storageKey,
        a.contentType,
        a.byteSize,
        a.width,
        a.height,
        a.sha256,
      ],
    );
    return map(row);
  }

  async get(organisationId: string, id: string): Promise<MediaAssetRecord | null> {
    const [row] = await this.q<Row>(
      undefined,
      `SELECT * FROM media_asset WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    return row ? map(row) : null;
  }

  /** Those of the ids that are images of this organisation. */
  async many(organisationId: string, ids: readonly string[], tx?: Tx): Promise<MediaAssetRecord[]> {
    if (!ids.length) return [];
    const rows = await this.q<Row>(
      tx,
      `SELECT * FROM media_asset WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, [...ids]],
    );
    return rows.map(map);
  }
}
