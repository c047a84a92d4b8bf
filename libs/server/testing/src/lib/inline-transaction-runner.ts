import type { TransactionRunner, Tx } from '@carecast/server/database';

/**
 * A transaction runner for unit tests: runs the work at once with `tx` as its handle, no
 * database. Tests then see `tx` handed on to the repositories.
 */
export function inlineTransactionRunner(tx: Tx): TransactionRunner {
  return { run: (work: (tx: Tx) => Promise<unknown>) => work(tx) } as unknown as TransactionRunner;
}
