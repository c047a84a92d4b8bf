import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import type { Tx } from '@carecast/server/database';

interface Waiting {
  /** How deep in (savepoint) transactions it was asked for: 1 for the outermost. */
  depth: number;
  work: () => Promise<void>;
}

/**
 * Work that must happen only once a transaction has committed (telling people about what it
 * wrote: a live event, a queued email), and never when it rolls back. Registered as a TypeORM
 * subscriber to the transaction events of the process's data source. The work runs after the
 * COMMIT, without the transaction's caller waiting for it; its failure is logged, not thrown.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly depths = new WeakMap<QueryRunner, number>();
  private readonly waiting = new WeakMap<QueryRunner, Waiting[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Run `work` when `tx` commits; at once when `tx` is null or no transaction. */
  run(tx: Tx | null, work: () => Promise<void>): void {
    const runner = tx?.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      this.start(work);
      return;
    }
    const depth = this.depths.get(runner) ?? 1;
    this.waiting.set(runner, [...(this.waiting.get(runner) ?? []), { depth, work }]);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    this.depths.set(event.queryRunner, (this.depths.get(event.queryRunner) ?? 0) + 1);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    const depth = Math.max(0, (this.depths.get(runner) ?? 1) - 1);
    this.depths.set(runner, depth);
    if (runner.isTransactionActive) {
      // A savepoint released: its work now belongs to the enclosing level, and waits for the
      // outermost commit (or goes if that level rolls back).
      for (const w of this.waiting.get(runner) ?? []) w.depth = Math.min(w.depth, depth);
      return;
    }
    const waiting = this.waiting.get(runner) ?? [];
    this.waiting.delete(runner);
    for (const w of waiting) this.start(w.work);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const depth = Math.max(0, (this.depths.get(runner) ?? 1) - 1);
    this.depths.set(runner, depth);
    // What was asked for inside the transaction (or savepoint) rolled back will never be.
    const kept = runner.isTransactionActive
      ? (this.waiting.get(runner) ?? []).filter((w) => w.depth <= depth)
      : [];
    if (kept.length) this.waiting.set(runner, kept);
    else this.waiting.delete(runner);
  }

  private start(work: () => Promise<void>): void {
    work().catch((err: unknown) => this.logger.error({ msg: 'work after commit failed', err }));
  }
}
