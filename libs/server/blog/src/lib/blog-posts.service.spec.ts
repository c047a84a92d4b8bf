import { Clock, ValidationError } from '@carecast/server/core';
import type { AppConfig } from '@carecast/server/config';
import type { TransactionRunner } from '@carecast/server/database';
import type { BlogRepository } from './blog.repository';
import type { BlogPost } from './blog.types';
import { BlogPostsService } from './blog-posts.service';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const NOW = new Date('2026-03-01T12:00:00Z');

function setUp(takenSlugs: string[] = []) {
  const inserted: Array<Omit<BlogPost, 'id' | 'images'>> = [];
  const images: unknown[] = [];
  const repository = {
    organisation: jest.fn(async (id: string) =>
      id === 'org-1' ? { id, slug: 'riverside', name: 'Riverside', timeZone: 'UTC' } : null,
    ),
    insertPost: jest.fn(async (p: Omit<BlogPost, 'id' | 'images'>) => {
      if (takenSlugs.includes(p.slug)) return null;
      inserted.push(p);
      return { ...p, id: 'post-1', images: [] };
    }),
    insertImage: jest.fn(async (i: { position: number; mimeType: string; altText: string }) => {
      images.push(i);
      return { id: `img-${i.position}`, position: i.position, mimeType: i.mimeType, altText: i.altText };
    }),
  } as unknown as BlogRepository;
  const db = { run: (work: (tx: unknown) => Promise<unknown>) => work({}) } as unknown as TransactionRunner;
  const clock: Clock = { now: () => NOW };
  const config = { http: { publicUrl: 'https://care.example/' } } as AppConfig;
  return { service: new BlogPostsService(repository, db, clock, config), inserted, images, repository };
}

describe('BlogPostsService.publish', () => {
  it('titles, slugs and escapes a post, and answers its public address', async () => {
    const { service, inserted, images } = setUp();
    const { post, url } = await service.publish({
      organisationId: 'org-1',
      channelId: 'ch-1',
      text: 'Flu shots are here!\nWalk in <any> weekday.',
      link: 'https://cdc.gov/flu',
      images: [{ bytes: PNG, mimeType: 'image/png', altText: ' A nurse ' }],
    });
    expect(url).toBe('https://care.example/blog/riverside/flu-shots-are-here');
    expect(inserted[0]).toMatchObject({
      slug: 'flu-shots-are-here',
      title: 'Flu shots are here!',
      excerpt: 'Walk in <any> weekday.',
      link: 'https://cdc.gov/flu',
      publishedAt: NOW,
    });
    expect(inserted[0].bodyHtml).toContain('Walk in &lt;any&gt; weekday.');
    expect(images).toEqual([
      expect.objectContaining({ position: 0, altText: 'A nurse', mimeType: 'image/png' }),
    ]);
    expect(post.images).toHaveLength(1);
  });

  it('keeps out characters no page or feed may carry (control characters, U+FFFF, lone surrogates)', async () => {
    const { service, inserted, images } = setUp();
    await service.publish({
      organisationId: 'org-1',
      channelId: null,
      title: 'Open\u0007 late\uffff',
      text: 'Line one\u0001\tkept\nLine \ud800two\u001b \u{1F489}',
      images: [{ bytes: PNG, mimeType: 'image/png', altText: 'A nurse\u0000\udfff' }],
    });
    expect(inserted[0]).toMatchObject({
      title: 'Open late',
      sourceText: 'Line one\tkept\nLine two \u{1F489}',
      excerpt: 'Line one kept Line two \u{1F489}',
    });
    expect(inserted[0].bodyHtml).toBe('<p>Line one\tkept<br />Line two \u{1F489}</p>');
    expect(images).toEqual([expect.objectContaining({ altText: 'A nurse' })]);
  });

  it('numbers the slug when the organisation already has it', async () => {
    const { service, inserted } = setUp(['news', 'news-2']);
    await service.publish({ organisationId: 'org-1', channelId: null, title: 'News', text: 'Body' });
    expect(inserted[0].slug).toBe('news-3');
  });

  it.each([
    [{ text: '   ' }, 'text'],
    [{ text: 'x', link: 'javascript:alert(1)' }, 'link'],
    [{ text: 'x', images: Array(5).fill({ bytes: PNG, mimeType: 'image/png', altText: '' }) }, 'images'],
    [
      { text: 'x', images: [{ bytes: Buffer.from('<svg/>'), mimeType: 'image/svg+xml', altText: '' }] },
      'images.0',
    ],
    [
      { text: 'x', images: [{ bytes: Buffer.from('<svg/>'), mimeType: 'image/png', altText: '' }] },
      'images.0',
    ],
  ])('refuses %o naming %s, storing nothing', async (input, field) => {
    const { service, repository } = setUp();
    const attempt = service.publish({ organisationId: 'org-1', channelId: null, ...input });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ violations: [expect.objectContaining({ field })] });
    expect(repository.insertPost).not.toHaveBeenCalled();
  });
});
