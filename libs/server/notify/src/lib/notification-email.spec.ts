import { NOTIFICATION_KINDS } from '@carecast/shared/contracts';
import { notificationEmail } from './notification-email';

const where = {
  to: 'dana@riverside.example',
  publicUrl: 'https://carecast.example/',
  organisationName: 'Riverside',
};

describe('notificationEmail', () => {
  it('says what happened, where, and links into the dashboard', () => {
    const mail = notificationEmail('review_requested', '/posts/3f2b8c1e', where);
    expect(mail.to).toBe('dana@riverside.example');
    expect(mail.subject).toBe('A post is waiting for your review (Carecast)');
    expect(mail.text).toContain(
      'A post is waiting for your review in Riverside:\nhttps://carecast.example/posts/3f2b8c1e\n',
    );
    expect(mail.text).toContain('https://carecast.example/account/notifications');
  });

  it('has its own words for every kind', () => {
    const subjects = NOTIFICATION_KINDS.map((k) => notificationEmail(k, '/x', where).subject);
    expect(new Set(subjects).size).toBe(NOTIFICATION_KINDS.length);
  });

  it('is made from the kind and the link only: nothing a caller wrote can reach it', () => {
    // The signature takes no title or body; the text is the same for any two posts of a kind.
    const a = notificationEmail('changes_requested', '/posts/a', where).text.replace('/posts/a', '');
    const b = notificationEmail('changes_requested', '/posts/b', where).text.replace('/posts/b', '');
    expect(a).toBe(b);
  });
});
