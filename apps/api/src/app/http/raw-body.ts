import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawBodyRequest } from '@nestjs/common';

/**
 * For the JSON parser's `verify` option: keeps the exact bytes of the body on `req.rawBody` for
 * requests under these path prefixes only (signed webhooks are checked against the raw bytes;
 * re-serialising the parsed JSON would not reproduce them). Prefixes are full paths, also when
 * the parser is mounted under a path (Express then shortens `url`, not `originalUrl`).
 */
export function keepRawBodyUnder(prefixes: string[]) {
  return (
    req: RawBodyRequest<IncomingMessage & { originalUrl?: string }>,
    _res: ServerResponse,
    buf: Buffer,
  ): void => {
    const path = req.originalUrl ?? req.url ?? '';
    if (prefixes.some((prefix) => path.startsWith(prefix))) req.rawBody = buf;
  };
}
