import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { QueryLogger, type QueryLogSink } from './query-logger';

const ARGON2_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0LXNhbHQ$secret-hash-value';
const WEBHOOK_PAYLOAD = '{"entry":[{"changes":[{"value":{"message":"my diagnosis is private"}}]}]}';

function capture(): { sink: QueryLogSink; lines: () => string } {
  const written: string[] = [];
  const sink: QueryLogSink = {
    error: (m) => written.push(`error ${m}`),
    warn: (m) => written.push(`warn ${m}`),
    log: (m) => written.push(`log ${m}`),
  };
  return { sink, lines: () => written.join('\n') };
}

describe('QueryLogger', () => {
  it('logs a failed query with its SQL and the database message, never its parameters', () => {
    const { sink, lines } = capture();
    const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const sql = 'UPDATE app_user SET password_hash = $1, display_name = $2 WHERE id = $3';
    const parameters = [ARGON2_HASH, WEBHOOK_PAYLOAD, 'b0d7c0de-0000-4000-8000-000000000001'];
    new QueryLogger(['error'], sink).logQueryError(
      new QueryFailedError(sql, parameters, driverError),
      sql,
      parameters,
    );
    expect(lines()).toContain('UPDATE app_user SET password_hash = $1');
    expect(lines()).toContain('invalid byte sequence');
    expect(lines()).toContain('22021');
    expect(lines()).not.toContain(ARGON2_HASH);
    expect(lines()).not.toContain('secret-hash-value');
    expect(lines()).not.toContain('my diagnosis is private');
    expect(lines()).not.toContain('b0d7c0de');
  });

  it('logs a slow query without its parameters, and successful queries not at all', () => {
    const { sink, lines } = capture();
    const logger = new QueryLogger(['error', 'warn'], sink);
    logger.logQuery('SELECT * FROM app_user WHERE email = $1', ['someone@example.org']);
    logger.logQuerySlow(2500, 'SELECT * FROM app_user WHERE email = $1', ['someone@example.org']);
    expect(lines()).toBe('warn Slow query (2500 ms): SELECT * FROM app_user WHERE email = $1');
  });

  it('logs only the levels it is given', () => {
    const { sink, lines } = capture();
    const logger = new QueryLogger(['error'], sink);
    logger.logMigration('Migration X has been executed successfully.');
    logger.logQuerySlow(2500, 'SELECT 1');
    logger.log('info', 'hello');
    expect(lines()).toBe('');
  });

  it('is the logger of every data source Carecast builds', () => {
    const options = dataSourceOptions({ url: 'postgres://localhost/none' });
    expect(options.logger).toBeInstanceOf(QueryLogger);
    const dataSource = new DataSource(options);
    expect(dataSource.logger).toBeInstanceOf(QueryLogger);
  });
});
