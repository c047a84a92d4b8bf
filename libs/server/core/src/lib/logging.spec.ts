import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { LOG_REDACTION, loggerOptions, redactUrl } from './logging.module';

describe('request URLs in the logs', () => {
  it('hide one-time codes and tokens, and keep everything else', () => {
    expect(redactUrl('/api/channels/oauth/x_account/callback?state=abc&code=xyz')).toBe(
      '/api/channels/oauth/x_account/callback?state=%5Bredacted%5D&code=%5Bredacted%5D',
    );
    expect(
      redactUrl('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42'),
    ).toBe('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=%5Bredacted%5D&hub.challenge=42');
    expect(redactUrl('/api/audit?action=channel.connected&cursor=10')).toBe(
      '/api/audit?action=channel.connected&cursor=10',
    );
    expect(redactUrl('/api/health/ready')).toBe('/api/health/ready');
  });

  it('hide an outside approver’s token, which travels in the path', () => {
    const token = 'Zq3xY9-kL2_aB7cD8eF0gH1iJ2kL3mN4oP5qR6sT7uV';
    expect(redactUrl(`/api/outside-reviews/${token}`)).toBe('/api/outside-reviews/[redacted]');
    expect(redactUrl(`/api/outside-reviews/${token}/decision`)).toBe(
      '/api/outside-reviews/[redacted]/decision',
    );
    expect(redactUrl(`/api/outside-reviews/${token}/media/0d2f7c1e-4b1a-4c2e-9a7e-3f1b2c3d4e5f?x=1`)).toBe(
      '/api/outside-reviews/[redacted]/media/0d2f7c1e-4b1a-4c2e-9a7e-3f1b2c3d4e5f?x=1',
    );
    // The dashboard's page of the link, served by the api in single-host mode.
    expect(redactUrl(`/outside-review/${token}`)).toBe('/outside-review/[redacted]');
    // The signed-in routes that ask for a link name no token.
    expect(redactUrl('/api/posts/0d2f7c1e-4b1a-4c2e-9a7e-3f1b2c3d4e5f/outside-reviews')).toBe(
      '/api/posts/0d2f7c1e-4b1a-4c2e-9a7e-3f1b2c3d4e5f/outside-reviews',
    );
  });
});

/** A stream that keeps the lines a logger writes. */
function lineSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, sink };
}

describe('errors in the logs', () => {
  it("leave out a failed query's parameters, and keep its message and SQL", () => {
    const { lines, sink } = lineSink();
    const logger = pino({ redact: LOG_REDACTION }, sink);
    const err = new QueryFailedError(
      'UPDATE app_user SET password_hash = $1 WHERE id = $2',
      ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$the-secret-hash', 'the-user-id'],
      new Error('invalid byte sequence for encoding "UTF8": 0x00'),
    );
    logger.warn({ msg: 'job failed', err });
    const written = lines.join('');
    expect(written).toContain('invalid byte sequence');
    expect(written).toContain('UPDATE app_user SET password_hash');
    expect(written).not.toContain('the-secret-hash');
    expect(written).not.toContain('the-user-id');
  });

  it('leave out the row and key values of a violated constraint, also on a cause and on an error already made loggable', () => {
    const { lines, sink } = lineSink();
    const logger = pino(loggerOptions(), sink);
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$the-secret-hash';
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "uq_user_email"'),
      {
        code: '23505',
        detail: `Key (email, password_hash)=(dana@riverside.example, ${hash}) already exists.`,
        constraint: 'uq_user_email',
      },
    );
    const failure = new QueryFailedError('INSERT INTO app_user VALUES ($1, $2)', ['x', hash], driverError);
    logger.error({ msg: 'job failed', err: failure });
    logger.error(failure);
    logger.error({ msg: 'job failed', err: new Error('could not save', { cause: failure }) });
    logger.error({
      msg: 'unhandled error',
      err: {
        type: 'QueryFailedError',
        message: 'duplicate key',
        detail: hash,
        cause: { parameters: [hash] },
      },
    });
    const written = lines.join('');
    expect(lines).toHaveLength(4);
    expect(written).toContain('duplicate key value violates unique constraint');
    expect(written).toContain('uq_user_email');
    expect(written).toContain('23505');
    expect(written).toContain('could not save');
    expect(written).not.toContain('the-secret-hash');
    expect(written).not.toContain('dana@riverside.example');
  });
});
