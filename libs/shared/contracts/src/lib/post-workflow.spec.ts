import { POST_STATES, type PostState } from './content';
import { PERMISSIONS, type Permission } from './permissions';
import {
  actionsAllowedBy,
  POST_ACTIONS,
  POST_TRANSITIONS,
  refusalOf,
  transitionOf,
  type PostAction,
} from './post-workflow';

/**
 * The workflow written out by hand, every action from every state: where it goes, or `-` when
 * the workflow refuses it. A change to the table must change this too.
 */
const EXPECTED: Record<PostAction, Partial<Record<PostState, PostState>>> = {
  edit: {
    draft: 'draft',
    in_review: 'draft',
    changes_requested: 'draft',
    approved: 'draft',
    scheduled: 'draft',
    expired: 'draft',
  },
  submit: { draft: 'in_review', changes_requested: 'in_review' },
  approve: { in_review: 'approved' },
  request_changes: { in_review: 'changes_requested' },
  fast_track: { draft: 'approved', in_review: 'approved' },
  cancel: {
    draft: 'cancelled',
    in_review: 'cancelled',
    changes_requested: 'cancelled',
    approved: 'cancelled',
    scheduled: 'cancelled',
    expired: 'cancelled',
  },
  expire: { in_review: 'expired', approved: 'expired' },
};

const EXPECTED_PERMISSION: Record<PostAction, Permission | null> = {
  edit: 'content.write',
  submit: 'content.write',
  approve: 'review.decide',
  request_changes: 'review.decide',
  fast_track: 'review.decide',
  cancel: 'content.write',
  expire: null,
};

const NOT_BY_AUTHOR: PostAction[] = ['approve', 'request_changes', 'fast_track'];

const pairs = POST_ACTIONS.flatMap((action) => POST_STATES.map((state) => [action, state] as const));

describe('the post workflow table', () => {
  it.each(pairs)('%s from %s goes where the written-out table says, or nowhere', (action, state) => {
    expect(transitionOf(action, state)?.to ?? '-').toBe(EXPECTED[action][state] ?? '-');
  });

  it('has one row per action, each with the permission and author rule written out above', () => {
    expect(POST_TRANSITIONS.map((t) => t.action)).toEqual([...POST_ACTIONS]);
    for (const t of POST_TRANSITIONS) {
      expect([t.action, t.permission]).toEqual([t.action, EXPECTED_PERMISSION[t.action]]);
      expect([t.action, t.notByAuthor]).toEqual([t.action, NOT_BY_AUTHOR.includes(t.action)]);
    }
  });

  it('sends an approval of a post with a time still to come to scheduled, and nothing else', () => {
    expect(
      Object.fromEntries(
        POST_TRANSITIONS.filter((t) => t.toWhenScheduled).map((t) => [t.action, t.toWhenScheduled]),
      ),
    ).toEqual({ approve: 'scheduled', fast_track: 'scheduled' });
  });

  it('lets nobody move a post out of the publishing states or the end states', () => {
    for (const state of ['publishing', 'published', 'partially_published', 'failed', 'cancelled'] as const) {
      expect([state, POST_ACTIONS.filter((a) => transitionOf(a, state))]).toEqual([state, []]);
    }
  });
});

describe('refusalOf and actionsAllowedBy', () => {
  const everything = { permissions: PERMISSIONS, isAuthor: false };

  it.each(pairs)('%s from %s: refused for the state exactly when the table has no row', (action, state) => {
    const refusal = refusalOf(action, state, everything);
    if (EXPECTED[action][state] === undefined) expect(refusal).toBe('state');
    else expect(refusal).toBe(action === 'expire' ? 'system' : null);
  });

  it.each(POST_ACTIONS.filter((a) => a !== 'expire'))(
    '%s is refused to whoever lacks its permission, from every state it allows',
    (action) => {
      const needed = EXPECTED_PERMISSION[action] as Permission;
      const without = { permissions: PERMISSIONS.filter((p) => p !== needed), isAuthor: false };
      for (const state of Object.keys(EXPECTED[action]) as PostState[]) {
        expect([state, refusalOf(action, state, without)]).toEqual([state, 'permission']);
      }
    },
  );

  it.each(POST_ACTIONS.filter((a) => a !== 'expire'))(
    '%s is refused to the author exactly when the table says so',
    (action) => {
      const author = { permissions: PERMISSIONS, isAuthor: true };
      for (const state of Object.keys(EXPECTED[action]) as PostState[]) {
        expect([state, refusalOf(action, state, author)]).toEqual([
          state,
          NOT_BY_AUTHOR.includes(action) ? 'author' : null,
        ]);
      }
    },
  );

  it('names the moves of a marketer who wrote an in-review post, and of a reviewer of it', () => {
    expect(
      actionsAllowedBy('in_review', {
        permissions: ['content.read', 'content.write', 'content.schedule', 'review.read'],
        isAuthor: true,
      }),
    ).toEqual(['edit', 'cancel']);
    expect(
      actionsAllowedBy('in_review', {
        permissions: ['content.read', 'review.read', 'review.decide'],
        isAuthor: false,
      }),
    ).toEqual(['approve', 'request_changes', 'fast_track']);
    expect(actionsAllowedBy('in_review', { permissions: PERMISSIONS, isAuthor: true })).toEqual([
      'edit',
      'cancel',
    ]);
    expect(actionsAllowedBy('published', { permissions: PERMISSIONS, isAuthor: false })).toEqual([]);
  });
});
