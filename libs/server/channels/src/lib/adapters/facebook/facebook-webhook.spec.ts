import {
  facebookFeedChanges,
  sameVerifyToken,
  signFacebookPayload,
  storableJson,
  verifyFacebookSignature,
} from './facebook-webhook';

const SECRET = 'app-secret';

describe('Facebook webhook signature', () => {
  const body = Buffer.from('{"object":"page","entry":[]}');

  it('accepts the HMAC-SHA256 of the exact bytes under the app secret', () => {
    const signature = signFacebookPayload(SECRET, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyFacebookSignature(SECRET, body, signature)).toBe('valid');
    expect(verifyFacebookSignature(SECRET, body, signature.toUpperCase().replace('SHA256', 'sha256'))).toBe(
      'valid',
    );
  });

  it('tells a missing, malformed and mismatching signature apart', () => {
    const signature = signFacebookPayload(SECRET, body);
    expect(verifyFacebookSignature(SECRET, body, undefined)).toBe('missing');
    expect(verifyFacebookSignature(SECRET, body, '')).toBe('missing');
    expect(verifyFacebookSignature(SECRET, body, 'sha1=abc')).toBe('malformed');
    expect(verifyFacebookSignature(SECRET, body, `${signature}00`)).toBe('malformed');
    expect(verifyFacebookSignature('other-secret', body, signature)).toBe('mismatch');
    // One byte more (a space) is another body.
    expect(verifyFacebookSignature(SECRET, Buffer.from(`${body} `), signature)).toBe('mismatch');
  });

  it('refuses a signature that differs from the right one in its last byte only, or its first', () => {
    const hex = signFacebookPayload(SECRET, body).slice('sha256='.length);
    const flip = (c: string) => (c === '0' ? '1' : '0');
    const lastByteChanged = `sha256=${hex.slice(0, 62)}${flip(hex[62])}${hex[63]}`;
    const lastDigitChanged = `sha256=${hex.slice(0, 63)}${flip(hex[63])}`;
    const firstByteChanged = `sha256=${flip(hex[0])}${hex.slice(1)}`;
    expect(verifyFacebookSignature(SECRET, body, lastByteChanged)).toBe('mismatch');
    expect(verifyFacebookSignature(SECRET, body, lastDigitChanged)).toBe('mismatch');
    expect(verifyFacebookSignature(SECRET, body, firstByteChanged)).toBe('mismatch');
    // Every byte counts: only the exact signature is valid.
    for (let i = 0; i < 64; i += 2) {
      const changed = `sha256=${hex.slice(0, i)}${flip(hex[i])}${hex.slice(i + 1)}`;
      expect(verifyFacebookSignature(SECRET, body, changed)).toBe('mismatch');
    }
  });

  it('reads the whole header: nothing before `sha256=`, surrounding spaces aside', () => {
    const signature = signFacebookPayload(SECRET, body);
    expect(verifyFacebookSignature(SECRET, body, `x${signature}`)).toBe('malformed');
    expect(verifyFacebookSignature(SECRET, body, `sha1=0, ${signature}`)).toBe('malformed');
    expect(verifyFacebookSignature(SECRET, body, ` ${signature}\t`)).toBe('valid');
  });

  it('compares verify tokens exactly', () => {
    expect(sameVerifyToken('verify-me-1', 'verify-me-1')).toBe(true);
    expect(sameVerifyToken('verify-me-1', 'verify-me-2')).toBe(false);
    expect(sameVerifyToken('verify-me-1', '')).toBe(false);
  });
});

describe('Facebook feed changes', () => {
  const change = (value: Record<string, unknown>, field = 'feed') => ({ field, value });

  it('keeps content changes with the id a redelivery repeats', () => {
    const { changes, skipped } = facebookFeedChanges({
      object: 'page',
      entry: [
        {
          id: '111',
          time: 1_780_000_000,
          changes: [
            change({ item: 'comment', verb: 'add', post_id: '111_2', comment_id: '2_3', message: 'Hi' }),
            change({ item: 'status', verb: 'add', post_id: '111_4' }),
            change({ item: 'reaction', verb: 'add', post_id: '111_2', reaction_type: 'like' }),
            change({ item: 'comment', verb: 'add', post_id: '111_2' }),
            change({ item: 'comment', verb: 'add', comment_id: '2_5' }, 'mention'),
          ],
        },
        { id: '222', changes: [change({ item: 'post', verb: 'remove', post_id: '222_1' })] },
        { changes: [] },
      ],
    });
    expect(changes).toEqual([
      {
        pageId: '111',
        item: 'comment',
        verb: 'add',
        externalId: '2_3',
        time: 1_780_000_000,
        changedAt: 1_780_000_000,
        value: { item: 'comment', verb: 'add', post_id: '111_2', comment_id: '2_3', message: 'Hi' },
      },
      expect.objectContaining({ pageId: '111', item: 'status', externalId: '111_4' }),
      expect.objectContaining({
        pageId: '222',
        item: 'post',
        verb: 'remove',
        externalId: '222_1',
        time: null,
      }),
    ]);
    expect(skipped).toBe(4);
  });

  it('finds nothing in what is not a page notification', () => {
    expect(facebookFeedChanges({ object: 'user', entry: [] }).changes).toEqual([]);
    expect(facebookFeedChanges(undefined).changes).toEqual([]);
    expect(facebookFeedChanges({ object: 'page', entry: 'x' }).changes).toEqual([]);
  });
});

describe('storableJson', () => {
  it('drops NUL characters and replaces lone surrogates, in keys and values, keeping the rest', () => {
    const parsed = JSON.parse(
      '{"message":"Hello\\u0000 there \\ud83d\\ude00","odd":"\\ud800x","k\\u0000ey":["a\\u0000b",1,true,null]}',
    );
    expect(storableJson(parsed)).toEqual({
      message: 'Hello there \u{1f600}',
      odd: '\ufffdx',
      key: ['ab', 1, true, null],
    });
  });
});
