import {
  JsonTooDeepError,
  jsonDepthExceeds,
  MAX_JSON_DEPTH,
  refuseDeeperThan,
  UnsupportedCharsetError,
} from './json-depth';

const nested = (depth: number, open = '[', close = ']') =>
  Buffer.from(open.repeat(depth) + close.repeat(depth));

describe('jsonDepthExceeds', () => {
  it('allows nesting up to the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":{"b":[{"c":1}]}}'), 4)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":{"b":[{"c":1}]}}'), 3)).toBe(true);
  });

  it('counts objects and arrays alike, and siblings do not add up', () => {
    expect(jsonDepthExceeds(Buffer.from('[[],[],[],{},{}]'), 2)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":{}}]}'), 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(Buffer.from(`{"text":"${'['.repeat(50)}"}`), 1)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(`{"text":"\\"${'{'.repeat(50)}\\\\"}`), 1)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(`["\\\\",[[]]]`), 2)).toBe(true);
  });

  it('refuses a body 5,000 deep before it is parsed, with a 400 error naming the rule', () => {
    const refuse = refuseDeeperThan(MAX_JSON_DEPTH);
    const deep = Buffer.from(`{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(() => refuse({} as never, {} as never, deep, 'utf-8')).toThrow(JsonTooDeepError);
    try {
      refuse({} as never, {} as never, deep, 'utf-8');
    } catch (e) {
      expect(e).toMatchObject({ status: 400, type: 'entity.too.deep', limit: MAX_JSON_DEPTH });
    }
    expect(() => refuse({} as never, {} as never, nested(MAX_JSON_DEPTH), 'utf-8')).not.toThrow();
    expect(() => refuse({} as never, {} as never, nested(MAX_JSON_DEPTH), null)).not.toThrow();
  });

  it('refuses a body the parser would decode as anything but UTF-8, before counting: 415', () => {
    const refuse = refuseDeeperThan(MAX_JSON_DEPTH);
    // In UTF-16 the second byte of ∀ is a quote when read byte by byte: the nesting after it hides.
    const hidden = Buffer.from(`{"a":"\u2200","b":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'utf16le');
    expect(jsonDepthExceeds(hidden, MAX_JSON_DEPTH)).toBe(false);
    for (const charset of ['utf-16le', 'utf-7', 'UTF-16']) {
      expect(() => refuse({} as never, {} as never, hidden, charset)).toThrow(UnsupportedCharsetError);
    }
    expect(() => refuse({} as never, {} as never, Buffer.from('{}'), 'UTF-8')).not.toThrow();
  });
});
