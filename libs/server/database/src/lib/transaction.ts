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

/**
 * Run parameterised SQL and return its rows. (TypeORM answers UPDATE/DELETE … RETURNING with
 * `[rows, affectedCount]` but SELECT and INSERT with the rows alone; this evens that out.)
 */
export async function sqlRows<T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await tx.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
