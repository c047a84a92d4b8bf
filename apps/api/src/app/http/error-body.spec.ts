import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '@carecast/server/core';
import { bodyParserErrorToHttp, toErrorBody } from './error-body';

const RID = 'req-0000-test';

describe('toErrorBody', () => {
  it('maps domain errors to their status and code', () => {
    expect(toErrorBody(new NotFoundError('No such post'), RID)).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: 'No such post',
      requestId: RID,
    });
    expect(toErrorBody(new ConflictError('Already approved'), RID).statusCode).toBe(409);
    expect(toErrorBody(new GoneError('This link was already used'), RID)).toMatchObject({
      statusCode: 410,
      error: 'gone',
    });
  });

  it("maps a domain error's own subclasses to the same status", () => {
    class AlreadyConnectedError extends ConflictError {}
    expect(toErrorBody(new AlreadyConnectedError('Connected elsewhere'), RID)).toMatchObject({
      statusCode: 409,
      error: 'conflict',
    });
  });

  it('answers a domain validation error with 422 and the violated rules', () => {
    const body = toErrorBody(
      new ValidationError('Too long for X', [
        { field: 'variants.x.text', rule: 'maxWeightedLength', message: '291 > 280' },
      ]),
      RID,
    );
    expect(body.statusCode).toBe(422);
    expect(body.details).toEqual([
      { field: 'variants.x.text', rule: 'maxWeightedLength', message: '291 > 280' },
    ]);
  });

  it('keeps the message and details of HTTP exceptions, with a machine code', () => {
    const body = toErrorBody(
      new BadRequestException({ message: 'Invalid request: check text.', details: [{ field: 'text' }] }),
      RID,
    );
    expect(body).toMatchObject({
      statusCode: 400,
      error: 'bad_request',
      message: 'Invalid request: check text.',
    });
    expect(body['details']).toEqual([{ field: 'text' }]);
    expect(toErrorBody(new NotFoundException('Cannot GET /api/x'), RID)).toMatchObject({
      statusCode: 404,
      error: 'not_found',
      message: 'Cannot GET /api/x',
    });
  });

  it('hides the details of unexpected errors behind a 500 with the request id', () => {
    const body = toErrorBody(new TypeError('cannot read properties of undefined (secret internals)'), RID);
    expect(body).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message: expect.stringContaining('request id'),
      requestId: RID,
    });
    expect(JSON.stringify(body)).not.toContain('secret internals');
  });
});

describe('bodyParserErrorToHttp', () => {
  it('turns a JSON parse failure into a 400 naming the body and the json rule', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    const mapped = bodyParserErrorToHttp(parseError) as HttpException;
    const body = toErrorBody(mapped, RID);
    expect(body).toMatchObject({ statusCode: 400, error: 'invalid_json' });
    expect(body.details).toEqual([{ field: 'body', rule: 'json', message: 'Unexpected end of JSON input' }]);
  });

  it('keeps the 413 of a body that is too large', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
    });
    expect(toErrorBody(bodyParserErrorToHttp(tooLarge), RID)).toMatchObject({
      statusCode: 413,
      error: 'payload_too_large',
    });
  });

  it('leaves other errors alone', () => {
    const other = new Error('boom');
    expect(bodyParserErrorToHttp(other)).toBe(other);
  });
});
