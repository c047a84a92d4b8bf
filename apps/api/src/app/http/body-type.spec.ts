import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { acceptOnly } from './body-type';

function run(method: string, url: string, contentType: string | undefined): unknown {
  const headers: Record<string, string> = { 'content-length': '10' };
  if (contentType) headers['content-type'] = contentType;
  let passed: unknown = 'not called';
  acceptOnly('application/json', 'JSON', ['/api/media'])(
    { method, originalUrl: url, headers } as unknown as Request,
    {} as Response,
    (err?: unknown) => (passed = err ?? null),
  );
  return passed;
}

describe('acceptOnly', () => {
  it('takes JSON, and refuses a form or text body with 415', () => {
    expect(run('POST', '/api/posts', 'application/json; charset=utf-8')).toBeNull();
    expect(run('POST', '/api/posts', 'multipart/form-data; boundary=x')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
    expect(run('POST', '/api/posts', 'text/plain')).toBeInstanceOf(UnsupportedMediaTypeException);
  });

  it('leaves only a POST to an upload path to its route (which checks the type after the access guard)', () => {
    expect(run('POST', '/api/media', 'multipart/form-data; boundary=x')).toBeNull();
    expect(run('POST', '/api/media?x=1', 'multipart/form-data; boundary=x')).toBeNull();
    expect(run('PUT', '/api/media', 'multipart/form-data; boundary=x')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
    expect(run('POST', '/api/media/other', 'multipart/form-data; boundary=x')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
    expect(run('POST', '/api/mediax', 'text/plain')).toBeInstanceOf(UnsupportedMediaTypeException);
  });
});
