import { NOTIFICATION_DEFAULTS } from '@carecast/shared/contracts';
import { channelsFor, resolveRecipients, type ActiveMember } from './notification-recipients';

const members: ActiveMember[] = [
  { userId: 'admin', roles: ['admin'] },
  { userId: 'author', roles: ['marketer'] },
  { userId: 'reviewer', roles: ['reviewer'] },
  { userId: 'manager', roles: ['manager'] },
  { userId: 'viewer', roles: ['viewer'] },
  { userId: 'both', roles: ['marketer', 'reviewer'] },
];

describe('resolveRecipients', () => {
  it('finds every member holding the permission, through any of their roles', () => {
    expect(resolveRecipients(members, { recipientPermission: 'review.decide' })).toEqual([
      'admin',
      'reviewer',
      'manager',
      'both',
    ]);
  });

  it('leaves out members whose roles lack the permission', () => {
    const ids = resolveRecipients(members, { recipientPermission: 'review.decide' });
    expect(ids).not.toContain('author');
    expect(ids).not.toContain('viewer');
  });

  it('leaves out the excluded users (whoever acted), even when listed or holding the permission', () => {
    expect(
      resolveRecipients(members, {
        recipientPermission: 'review.decide',
        recipientUserIds: ['both'],
        excludeUserIds: ['both', 'admin'],
      }),
    ).toEqual(['reviewer', 'manager']);
  });

  it('gives the listed users and the permission holders together, each once', () => {
    expect(
      resolveRecipients(members, {
        recipientUserIds: ['author', 'reviewer'],
        recipientPermission: 'users.read',
      }),
    ).toEqual(['admin', 'author', 'reviewer', 'manager']);
  });

  it('never reaches a listed user who is not an active member of the organisation', () => {
    expect(resolveRecipients(members, { recipientUserIds: ['someone-elsewhere', 'author'] })).toEqual([
      'author',
    ]);
  });

  it('reaches nobody when neither users nor a permission are given', () => {
    expect(resolveRecipients(members, {})).toEqual([]);
    expect(resolveRecipients(members, { recipientUserIds: [] })).toEqual([]);
  });

  it('counts a member listed twice once', () => {
    expect(resolveRecipients([...members, members[1]], { recipientUserIds: ['author'] })).toEqual(['author']);
  });
});

describe('channelsFor', () => {
  it("takes the person's stored choice for the kind, and the default for everyone else", () => {
    const channels = channelsFor(['a', 'b'], 'review_requested', [
      { userId: 'a', kind: 'review_requested', inApp: true, email: false },
      { userId: 'b', kind: 'approved', inApp: false, email: false },
    ]);
    expect(channels.get('a')).toEqual({ inApp: true, email: false });
    expect(channels.get('b')).toEqual(NOTIFICATION_DEFAULTS.review_requested);
  });

  it('emails by default the kinds that ask for something, and shows every kind in the dashboard', () => {
    const byDefault = (kind: keyof typeof NOTIFICATION_DEFAULTS) => channelsFor(['a'], kind, []).get('a');
    for (const kind of [
      'review_requested',
      'changes_requested',
      'expired',
      'publish_failed',
      'mentioned',
    ] as const)
      expect(byDefault(kind)).toEqual({ inApp: true, email: true });
    expect(byDefault('approved')).toEqual({ inApp: true, email: false });
    expect(byDefault('commented')).toEqual({ inApp: true, email: false });
  });
});
