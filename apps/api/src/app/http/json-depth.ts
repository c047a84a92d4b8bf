import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How deeply arrays and objects may nest in a JSON body. Our deepest body nests 3 levels and a
 * platform webhook about 6; validating a body nested thousands deep overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** A body nested deeper than allowed: refused before it is parsed (400, rule `maxDepth`). */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  constructor(readonly limit: number) {
    super(`JSON nested more than ${limit} levels deep`);
    this.name = 'JsonTooDeepError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Whether the JSON text nests arrays and objects more than `limit` deep (brackets inside strings do not count). */
export function jsonDepthExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPENERS.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(byte)) depth--;
  }
  return false;
}

/** For the JSON parser's `verify` option: refuses a body nested deeper than `limit` before parsing. */
export function refuseDeeperThan(limit: number) {
  return (_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void => {
    if (jsonDepthExceeds(buf, limit)) throw new JsonTooDeepError(limit);
  };
}
