import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { loggableError } from '@carecast/server/core';
import { ApiExceptionFilter } from './api-exception.filter';

const ARGON2_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$the-secret-hash';

function hostFor(res: { status: jest.Mock; json: jest.Mock; setHeader: jest.Mock; headersSent: boolean }) {
  return {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => res }),
  } as unknown as ArgumentsHost;
}

/** What the filter logs, and the response it answers on. */
function captured() {
  const logged: unknown[] = [];
  jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
  const res = { status: jest.fn(), json: jest.fn(), setHeader: jest.fn(), headersSent: false };
  res.status.mockReturnValue(res);
  return { logged, res };
}

describe('ApiExceptionFilter', () => {
  it('logs a failed query without its parameters, and answers a plain 500', () => {
    const { logged, res } = captured();
    const failure = new QueryFailedError(
      'UPDATE app_user SET password_hash = $1 WHERE id = $2',
      [ARGON2_HASH, 'a-user-id'],
      Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
    );
    new ApiExceptionFilter().catch(failure, hostFor(res));
    const written = JSON.stringify(logged);
    expect(written).toContain('invalid byte sequence');
    expect(written).toContain('22021');
    expect(written).not.toContain('the-secret-hash');
    expect(written).not.toContain('a-user-id');
    expect(res.status).toHaveBeenCalledWith(500);
    expect(JSON.stringify(res.json.mock.calls)).not.toContain('invalid byte sequence');
  });

  it('logs a violated constraint without the row or key values PostgreSQL copies into its detail', () => {
    const { logged, res } = captured();
    const driverError = Object.assign(
      new Error('null value in column "display_name" of relation "app_user" violates not-null constraint'),
      {
        code: '23502',
        detail: `Failing row contains (a-user-id, dana@riverside.example, ${ARGON2_HASH}, null).`,
        column: 'display_name',
      },
    );
    const failure = new QueryFailedError('INSERT INTO app_user VALUES ($1, $2, $3, $4)', [], driverError);
    new ApiExceptionFilter().catch(new Error('could not save the account', { cause: failure }), hostFor(res));
    new ApiExceptionFilter().catch(failure, hostFor(res));
    const written = JSON.stringify(logged);
    expect(written).toContain('violates not-null constraint');
    expect(written).toContain('23502');
    expect(written).toContain('display_name');
    expect(written).toContain('could not save the account');
    expect(written).not.toContain('the-secret-hash');
    expect(written).not.toContain('dana@riverside.example');
  });

  it('keeps everything else of an error for the log', () => {
    const err = Object.assign(new Error('boom'), { code: 'E1', table: 'app_user' });
    expect(loggableError(err)).toMatchObject({
      type: 'Error',
      message: 'boom',
      code: 'E1',
      table: 'app_user',
    });
    expect(loggableError('text')).toBe('text');
  });
});
