import { Logger as NestLogger } from '@nestjs/common';
import type { LogLevel, Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/** Where the lines go: the process's logger (pino in the api and worker). */
export interface QueryLogSink {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
}

/** The first line of the SQL, shortened: enough to find the query, never a value. */
function statementOf(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

function messageOf(error: string | Error): string {
  if (typeof error === 'string') return error;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? `${error.message} (code ${code})` : error.message;
}

/**
 * TypeORM's logger for Carecast: failed and slow queries are logged with their SQL and the
 * database's message, NEVER with their parameters (they hold password hashes, tokens, webhook
 * payloads and personal data). Successful queries are not logged.
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(
    /** What is logged at all (TypeORM's `logging` levels): a custom logger must check them itself. */
    private readonly levels: readonly LogLevel[] = ['error', 'warn', 'migration'],
    private readonly sink: QueryLogSink = new NestLogger('Database'),
  ) {}

  logQuery(_query: string, _parameters?: unknown, _runner?: QueryRunner): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown, _runner?: QueryRunner): void {
    if (!this.levels.includes('error')) return;
    this.sink.error(`Query failed: ${messageOf(error)} — ${statementOf(query)}`);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown, _runner?: QueryRunner): void {
    if (!this.levels.includes('warn')) return;
    this.sink.warn(`Slow query (${time} ms): ${statementOf(query)}`);
  }

  logSchemaBuild(message: string): void {
    if (this.levels.includes('schema')) this.sink.log(message);
  }

  logMigration(message: string): void {
    if (this.levels.includes('migration')) this.sink.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.levels.includes(level)) return;
    const text = typeof message === 'string' ? message : String(message);
    if (level === 'warn') this.sink.warn(text);
    else this.sink.log(text);
  }
}
