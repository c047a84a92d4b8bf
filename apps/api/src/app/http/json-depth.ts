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

/**
 * A body in another text encoding than UTF-8: refused before it is decoded (415, rule `charset`).
 * The parser would decode any `utf-*` charset (UTF-16, UTF-7), while the checks on the raw bytes
 * read them as UTF-8: in UTF-16 a byte of `∀` is a quote to them, in UTF-7 `[` is `+AFs-`.
 */
export class UnsupportedCharsetError extends Error {
  readonly type = 'charset.unsupported';
  readonly status = 415;
  constructor(readonly charset: string) {
    super(`the body must be encoded in UTF-8, not ${charset}`);
    this.name = 'UnsupportedCharsetError';
  }
}

/** The charset the parser decodes a body in when none is named. */
const UTF_8 = 'utf-8';

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

/**
 * For the JSON parser's `verify` option (given the raw bytes and the charset the parser is about
 * to decode them in): refuses a body in any charset but UTF-8 (the only one the depth count can
 * read), then a body nested deeper than `limit`, before parsing.
 */
export function refuseDeeperThan(limit: number) {
  return (_req: IncomingMessage, _res: ServerResponse, buf: Buffer, encoding: string | null): void => {
    if ((encoding ?? UTF_8).toLowerCase() !== UTF_8) throw new UnsupportedCharsetError(encoding ?? '');
    if (jsonDepthExceeds(buf, limit)) throw new JsonTooDeepError(limit);
  };
}
