import { NotFoundError, ValidationError } from './errors';
import { requestIdFrom } from './request-id';
import { withTimeout } from './with-timeout';

describe('requestIdFrom', () => {
  it('keeps a well-formed incoming id', () => {
    expect(requestIdFrom('abc-123-def-456')).toBe('abc-123-def-456');
    expect(requestIdFrom(['first-id-0001', 'second'])).toBe('first-id-0001');
  });

  it('replaces a missing, short or unsafe id with a UUID', () => {
    for (const bad of [undefined, 'short', 'has spaces in it', 'x'.repeat(65), 'new\nline-injection']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('withTimeout', () => {
  it('returns the value when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 50, 'slow')).resolves.toBe(42);
  });

  it('rejects with the message when it does not', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, 'too slow')).rejects.toThrow('too slow');
  });
});

describe('domain errors', () => {
  it('carry their class name and code', () => {
    const e = new ValidationError('bad', [{ field: 'text', rule: 'maxLength', message: 'too long' }]);
    expect(e.name).toBe('ValidationError');
    expect(e.code).toBe('validation_failed');
    expect(e.violations[0].field).toBe('text');
    expect(new NotFoundError('gone').code).toBe('not_found');
  });
});
