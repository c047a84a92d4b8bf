import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A database transaction handle, passed from services to repositories. Services never look
 * inside it; only repositories use it (as a TypeORM EntityManager).
 */
export type Tx = EntityManager;

@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Run `work` in one transaction: all of it commits, or none of it. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The non-transactional handle, for reads and single statements. */
  get manager(): Tx {
    return this.dataSource.manager;
  }
}
