import type { BlogCommentsService, BlogPostsService } from '@carecast/server/blog';
import { NotFoundError, ValidationError } from '@carecast/server/core';
import type { AdapterContext } from '../../channel-adapter';
import { InvalidContentError } from '../../channel-errors';
import { CarecastBlogAdapter } from './carecast-blog.adapter';

const ctx: AdapterContext = {
  organisationId: 'org-1',
  channelId: 'ch-1',
  externalAccountId: 'riverside',
  credentials: {},
  settings: {},
};
const png = { bytes: Buffer.from('x'), mimeType: 'image/png', altText: 'alt' };

function setUp() {
  const posts = {
    organisation: jest.fn(async () => ({
      id: 'org-1',
      slug: 'riverside',
      name: 'Riverside',
      timeZone: 'UTC',
    })),
    publish: jest.fn(async () => ({
      post: { id: 'post-1' },
      url: 'https://care.example/blog/riverside/hello',
    })),
    delete: jest.fn(async () => undefined),
    recent: jest.fn(async () => []),
    postUrl: jest.fn((o: string, p: string) => `https://care.example/blog/${o}/${p}`),
  };
  const comments = {
    visitorComments: jest.fn(),
    approvedCommentCounts: jest.fn(async () => new Map<string, number>()),
    commentUrl: jest.fn(() => 'https://care.example/blog/riverside/hello#comment-c1'),
    reply: jest.fn(),
    hide: jest.fn(),
  };
  const adapter = new CarecastBlogAdapter(
    posts as unknown as BlogPostsService,
    comments as unknown as BlogCommentsService,
  );
  return { adapter, posts, comments };
}

describe('CarecastBlogAdapter', () => {
  it('connects without credentials, named after the organisation, at its slug', async () => {
    const { adapter } = setUp();
    await expect(
      adapter.verifyCredentials({ organisationId: 'org-1', credentials: {}, settings: {} }),
    ).resolves.toEqual({
      externalAccountId: 'riverside',
      displayName: 'Riverside blog',
      credentials: {},
    });
    expect(adapter.capabilities).toMatchObject({
      mentions: true,
      reply: true,
      hide: true,
      findRecent: true,
      maxImages: 4,
    });
  });

  it('publishes through the blog and answers the post id and its public address', async () => {
    const { adapter, posts } = setUp();
    const result = await adapter.publish(ctx, {
      text: 'Hello',
      title: 'Hi',
      link: 'https://x.example',
      images: [png],
    });
    expect(result).toEqual({ externalId: 'post-1', url: 'https://care.example/blog/riverside/hello' });
    expect(posts.publish).toHaveBeenCalledWith({
      organisationId: 'org-1',
      channelId: 'ch-1',
      text: 'Hello',
      title: 'Hi',
      link: 'https://x.example',
      images: [png],
    });
  });

  it('refuses more than four images before touching the blog', async () => {
    const { adapter, posts } = setUp();
    await expect(adapter.publish(ctx, { text: 'x', images: Array(5).fill(png) })).rejects.toBeInstanceOf(
      InvalidContentError,
    );
    expect(posts.publish).not.toHaveBeenCalled();
  });

  it("turns the blog's refusals into invalid-content errors, and lets anything else through", async () => {
    const { adapter, posts } = setUp();
    posts.publish.mockRejectedValueOnce(new ValidationError('A blog post needs some text.'));
    await expect(adapter.publish(ctx, { text: '' })).rejects.toEqual(
      new InvalidContentError('A blog post needs some text.'),
    );
    posts.delete.mockRejectedValueOnce(new NotFoundError('The blog has no such post.'));
    await expect(adapter.delete(ctx, 'nope')).rejects.toBeInstanceOf(InvalidContentError);
    posts.delete.mockRejectedValueOnce(new Error('connection lost'));
    await expect(adapter.delete(ctx, 'post-1')).rejects.toThrow('connection lost');
  });

  it('maps visitor comments to mentions in their conversation, keeping the cursor', async () => {
    const { adapter, comments } = setUp();
    const createdAt = new Date('2026-03-01T12:00:00Z');
    comments.visitorComments.mockResolvedValueOnce({
      comments: [
        {
          id: 'c1',
          body: 'Hi',
          authorName: 'Jo',
          authorEmail: null,
          ipHash: 'h',
          createdAt,
          postId: 'post-1',
          parentId: null,
        },
        {
          id: 'c2',
          body: 'Re',
          authorName: 'Al',
          authorEmail: 'al@x.example',
          ipHash: 'g',
          createdAt,
          postId: 'post-1',
          parentId: 'c1',
        },
      ],
      cursor: '42',
    });
    const { mentions, cursor } = await adapter.fetchMentions(ctx, '40');
    expect(comments.visitorComments).toHaveBeenCalledWith('org-1', '40');
    expect(cursor).toBe('42');
    expect(mentions[0]).toEqual({
      externalId: 'c1',
      text: 'Hi',
      authorId: 'visitor:h',
      authorName: 'Jo',
      createdAt,
      conversationId: 'post-1',
      inReplyToExternalId: 'post-1',
      url: 'https://care.example/blog/riverside/hello#comment-c1',
    });
    expect(mentions[1]).toMatchObject({ authorId: 'al@x.example', inReplyToExternalId: 'c1' });
  });

  it('counts approved visitor comments as the metrics, in the order asked, leaving out posts the blog does not show', async () => {
    const { adapter, comments } = setUp();
    expect(adapter.capabilities.metrics).toBe(true);
    comments.approvedCommentCounts.mockResolvedValueOnce(
      new Map([
        ['post-2', 0],
        ['post-1', 3],
      ]),
    );
    await expect(adapter.fetchMetrics(ctx, ['post-1', 'gone', 'post-2', 'post-1'])).resolves.toEqual([
      { externalId: 'post-1', reactions: 0, comments: 3, shares: 0, impressions: null },
      { externalId: 'post-2', reactions: 0, comments: 0, shares: 0, impressions: null },
    ]);
    expect(comments.approvedCommentCounts).toHaveBeenCalledWith('org-1', [
      'post-1',
      'gone',
      'post-2',
      'post-1',
    ]);
  });

  it('finds recent posts with their text and address', async () => {
    const { adapter, posts } = setUp();
    const publishedAt = new Date('2026-03-01T12:00:00Z');
    posts.recent.mockResolvedValueOnce([
      { id: 'post-1', slug: 'hello', sourceText: 'Hello', publishedAt },
    ] as never);
    await expect(adapter.findRecent(ctx, new Date(0))).resolves.toEqual([
      {
        externalId: 'post-1',
        text: 'Hello',
        url: 'https://care.example/blog/riverside/hello',
        createdAt: publishedAt,
      },
    ]);
  });
});
