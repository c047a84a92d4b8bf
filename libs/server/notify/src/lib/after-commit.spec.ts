import { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Tx } from '@carecast/server/database';
import { AfterCommit } from './after-commit';

/** A query runner whose transaction events are played by hand, as TypeORM broadcasts them. */
function fakeRunner(afterCommit: AfterCommit) {
  const runner = { isTransactionActive: false } as { isTransactionActive: boolean };
  let depth = 0;
  const event = { queryRunner: runner as unknown as QueryRunner } as never;
  return {
    tx: { queryRunner: runner } as unknown as Tx,
    start() {
      depth += 1;
      runner.isTransactionActive = true;
      afterCommit.afterTransactionStart(event);
    },
    commit() {
      depth -= 1;
      runner.isTransactionActive = depth > 0;
      afterCommit.afterTransactionCommit(event);
    },
    rollback() {
      depth -= 1;
      runner.isTransactionActive = depth > 0;
      afterCommit.afterTransactionRollback(event);
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('AfterCommit', () => {
  const dataSource = { subscribers: [] as unknown[] };
  const afterCommit = new AfterCommit(dataSource as unknown as DataSource);
  const done: string[] = [];
  const work = (name: string) => async () => void done.push(name);

  beforeEach(() => {
    done.length = 0;
  });

  it('subscribes to the transaction events of the data source once', () => {
    afterCommit.onModuleInit();
    afterCommit.onModuleInit();
    expect(dataSource.subscribers).toEqual([afterCommit]);
  });

  it('runs at once without a transaction', async () => {
    afterCommit.run(null, work('now'));
    await flush();
    expect(done).toEqual(['now']);
  });

  it('waits for the commit, and runs nothing of a transaction that rolls back', async () => {
    const committed = fakeRunner(afterCommit);
    committed.start();
    afterCommit.run(committed.tx, work('committed'));
    const rolledBack = fakeRunner(afterCommit);
    rolledBack.start();
    afterCommit.run(rolledBack.tx, work('rolled back'));
    await flush();
    expect(done).toEqual([]);
    rolledBack.rollback();
    committed.commit();
    await flush();
    expect(done).toEqual(['committed']);
  });

  it('waits for the outermost commit past a released savepoint, and forgets the work of a savepoint rolled back', async () => {
    const t = fakeRunner(afterCommit);
    t.start();
    afterCommit.run(t.tx, work('outer'));
    t.start();
    afterCommit.run(t.tx, work('kept savepoint'));
    t.commit();
    t.start();
    afterCommit.run(t.tx, work('undone savepoint'));
    t.rollback();
    await flush();
    expect(done).toEqual([]);
    t.commit();
    await flush();
    expect(done).toEqual(['outer', 'kept savepoint']);
  });

  it('logs a failure of the work instead of throwing it at the committer', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const t = fakeRunner(afterCommit);
    t.start();
    afterCommit.run(t.tx, async () => {
      throw new Error('Redis away');
    });
    expect(() => t.commit()).not.toThrow();
    await flush();
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ msg: 'work after commit failed' }));
    error.mockRestore();
  });
});
