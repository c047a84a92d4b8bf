import type { BlogComment } from './blog.types';
import { COMMENT_BODY_MAX, readCommentForm, threadsOf } from './blog-comments.service';

const at = new Date('2026-03-01T12:00:00Z');
const comment = (
  id: string,
  seq: number,
  parentId: string | null,
  status: BlogComment['status'] = 'approved',
): BlogComment => ({
  id,
  seq,
  organisationId: 'org',
  postId: 'post',
  parentId,
  authorName: id,
  authorEmail: null,
  body: id,
  status,
  fromPractice: false,
  ipHash: null,
  createdAt: at,
});

describe('readCommentForm', () => {
  it('accepts a name and a comment, trimming them; the email is optional', () => {
    const form = readCommentForm({ name: '  Jo ', comment: ' Hello\r\nthere ', email: '' });
    expect(form).toEqual({
      values: { name: 'Jo', email: '', comment: 'Hello\nthere' },
      violations: [],
      isRobot: false,
    });
  });

  it('strips control characters (NUL included) from every field, the email as well', () => {
    const form = readCommentForm({
      name: 'Jo\u0000 \u0007Visitor',
      email: 'jo\u0000@exam\u001bple.com',
      comment: 'Open\u0000 on Sunday?',
    });
    expect(form.values).toEqual({ name: 'Jo Visitor', email: 'jo@example.com', comment: 'Open on Sunday?' });
    expect(form.violations).toEqual([]);
  });

  it('names each wrong field with a message in plain words, keeping what was typed', () => {
    const form = readCommentForm({ name: ' ', email: 'jo@', comment: 'x'.repeat(COMMENT_BODY_MAX + 1) });
    expect(form.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'name:required',
      'email:email',
      'comment:maxLength',
    ]);
    expect(form.violations[2].message).toContain(`it has ${COMMENT_BODY_MAX + 1}`);
    expect(form.values.email).toBe('jo@');
  });

  it('treats missing or repeated fields as empty, and strips control characters', () => {
    const form = readCommentForm({ name: ['a', 'b'], comment: 'ok\u0000\u0007' });
    expect(form.values).toEqual({ name: '', email: '', comment: 'ok' });
    expect(form.violations.map((v) => v.field)).toEqual(['name']);
  });

  it('spots a robot by the hidden field', () => {
    expect(readCommentForm({ name: 'a', comment: 'b', website: 'http://spam' }).isRobot).toBe(true);
    expect(readCommentForm({ name: 'a', comment: 'b', website: '  ' }).isRobot).toBe(false);
  });
});

describe('threadsOf', () => {
  it('nests approved replies under approved comments, oldest first', () => {
    const threads = threadsOf([
      comment('b', 2, null),
      comment('a', 1, null),
      comment('a2', 4, 'a'),
      comment('a1', 3, 'a'),
      comment('a1x', 5, 'a1'),
    ]);
    const shape = (t: ReturnType<typeof threadsOf>): unknown =>
      t.map((x) => [x.comment.id, shape(x.replies)]);
    expect(shape(threads)).toEqual([
      [
        'a',
        [
          ['a1', [['a1x', []]]],
          ['a2', []],
        ],
      ],
      ['b', []],
    ]);
  });

  it('shows nothing that is not approved, nor replies under a comment that does not show', () => {
    const threads = threadsOf([
      comment('pending', 1, null, 'pending'),
      comment('reply-to-pending', 2, 'pending'),
      comment('hidden', 3, null, 'hidden'),
      comment('rejected', 4, null, 'rejected'),
      comment('ok', 5, null),
    ]);
    expect(threads.map((t) => t.comment.id)).toEqual(['ok']);
  });
});
