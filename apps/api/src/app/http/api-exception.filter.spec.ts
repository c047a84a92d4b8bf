import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiExceptionFilter, loggable } from './api-exception.filter';

const ARGON2_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$the-secret-hash';

function hostFor(res: { status: jest.Mock; json: jest.Mock; setHeader: jest.Mock; headersSent: boolean }) {
  return {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => res }),
  } as unknown as ArgumentsHost;
}

describe('ApiExceptionFilter', () => {
  it('logs a failed query without its parameters, and answers a plain 500', () => {
    const logged: unknown[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    const res = { status: jest.fn(), json: jest.fn(), setHeader: jest.fn(), headersSent: false };
    res.status.mockReturnValue(res);
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

  it('keeps everything else of an error for the log', () => {
    const err = Object.assign(new Error('boom'), { code: 'E1', detail: 'more' });
    expect(loggable(err)).toMatchObject({ type: 'Error', message: 'boom', code: 'E1', detail: 'more' });
    expect(loggable('text')).toBe('text');
  });
});
