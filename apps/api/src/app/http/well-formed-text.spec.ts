import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { malformedTextIn, refuseMalformedText } from './well-formed-text';

describe('malformedTextIn', () => {
  it('names a field holding a lone surrogate', () => {
    expect(malformedTextIn({ email: '\ud800@x.example', password: 'fine' })).toEqual({
      field: 'email',
      rule: 'wellFormedUnicode',
      message: expect.stringContaining('email'),
    });
    expect(malformedTextIn({ a: 'low \udc00 alone' })?.field).toBe('a');
  });

  it('accepts characters outside the basic plane (a surrogate pair is one character)', () => {
    expect(malformedTextIn({ name: 'Zoë 👩🏽‍⚕️ 𝔘' })).toBeNull();
  });

  it('names a field holding a NUL, nested fields and array items by their dotted path', () => {
    expect(malformedTextIn({ credentials: { username: 'a\u0000b' } })).toMatchObject({
      field: 'credentials.username',
      rule: 'noNulCharacter',
    });
    expect(malformedTextIn({ ids: ['ok', 'x\u0000'] })?.field).toBe('ids.1');
  });

  it('checks keys as well as values, and ignores numbers, booleans and null', () => {
    expect(malformedTextIn({ 'bad\u0000key': 1 })?.rule).toBe('noNulCharacter');
    expect(malformedTextIn({ n: 1, b: true, z: null, list: [1, 2] })).toBeNull();
    expect(malformedTextIn(undefined)).toBeNull();
  });
});

describe('refuseMalformedText', () => {
  const run = (req: Partial<Request>) => {
    const next = jest.fn();
    refuseMalformedText(['/api/webhooks/'])(
      { query: {}, originalUrl: '/api/x', ...req } as Request,
      {} as Response,
      next,
    );
    return next.mock.calls[0][0] as unknown;
  };

  it('answers 400 naming the query field', () => {
    const err = run({ query: { entityType: 'member\u0000' } }) as BadRequestException;
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.getResponse()).toMatchObject({
      message: 'Invalid request: check entityType.',
      details: [{ field: 'entityType', rule: 'noNulCharacter' }],
    });
  });

  it('leaves the bodies of signed webhooks to their route, but not their query', () => {
    expect(run({ originalUrl: '/api/webhooks/facebook', body: { text: 'a\u0000' } })).toBeUndefined();
    expect(run({ originalUrl: '/api/webhooks/facebook', query: { x: '\u0000' } })).toBeInstanceOf(
      BadRequestException,
    );
    expect(run({ body: { text: 'a\u0000' } })).toBeInstanceOf(BadRequestException);
    expect(run({ body: { text: 'fine' } })).toBeUndefined();
  });
});
