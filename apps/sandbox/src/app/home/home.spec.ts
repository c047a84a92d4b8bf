import request from 'supertest';
import { type FacebookState, createFacebookState } from '../facebook/facebook-state';
import { createSandbox } from '../sandbox';
import { createWordPressState } from '../wordpress/wordpress-state';
import { XState } from '../x/x-state';

const G = '/graph/v24.0';

/** The text of the page without markup, for checking what a person reads. */
const textOf = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('sandbox home page', () => {
  let x: XState;
  let facebook: FacebookState;
  let app: ReturnType<typeof createSandbox>;

  beforeEach(() => {
    x = new XState();
    facebook = createFacebookState();
    app = createSandbox({ x, facebook, wordpress: createWordPressState() });
  });

  const home = () => request(app).get('/').expect(200);
  const form = (path: string, fields: Record<string, string>) =>
    request(app).post(`/_sandbox/ui/${path}`).type('form').send(fields);

  it('explains where accounts come from when there are none, without any script', async () => {
    const res = await home();
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<h1>Carecast platform sandbox</h1>');
    expect(textOf(res.text)).toContain('No X account yet');
    expect(textOf(res.text)).toContain('npm start connects the demo organisation');
    expect(res.text).not.toMatch(/<script|<form/i);
  });

  it('lists what an X account posted, replies and deleted posts included, and takes a mention', async () => {
    const account = (
      await request(app)
        .post('/_sandbox/x/accounts')
        .send({ username: 'riversidefm', name: 'Riverside' })
        .expect(201)
    ).body as { id: string; accessToken: string };
    const bearer = `Bearer ${account.accessToken}`;
    const tweet = async (body: object) =>
      (await request(app).post('/2/tweets').set('Authorization', bearer).send(body).expect(201)).body.data
        .id as string;
    const first = await tweet({ text: 'Flu shots are in' });
    const gone = await tweet({ text: 'Posted by mistake' });
    await request(app).delete(`/2/tweets/${gone}`).set('Authorization', bearer).expect(200);

    const sent = await form('x/mentions', {
      account: account.id,
      authorName: 'Jordan Lee',
      authorUsername: '@jordan_lee',
      text: 'Do you have appointments on Saturday?',
      inReplyToTweetId: first,
    }).expect(303);
    const mention = x.mentionsOf(account.id)[0];
    expect(sent.headers['location']).toBe(`/?done=x-mention#tweet-${mention.id}`);
    await tweet({ text: 'Yes, 9 to 12', reply: { in_reply_to_tweet_id: mention.id } });

    const page = textOf((await request(app).get('/?done=x-mention').expect(200)).text);
    expect(page).toContain('Mention posted on X.');
    expect(page).toContain('Riverside @riversidefm');
    expect(page).toContain('Jordan Lee (@jordan_lee) @riversidefm Do you have appointments on Saturday?');
    expect(page).toContain('Reply to @riversidefm: Flu shots are in');
    expect(page).toContain('Reply to @jordan_lee');
    expect(page).toMatch(/Posted by mistake .* Deleted/);
    // Newest first: the reply, then the first post.
    expect(page.indexOf('Yes, 9 to 12')).toBeLessThan(page.indexOf('Flu shots are in'));
  });

  it('shows page posts with their comments, hidden ones marked, and takes a comment', async () => {
    const page = (
      await request(app).post('/_sandbox/facebook/pages').send({ name: 'Riverside Family Medicine' })
    ).body as { pageId: string; pageToken: string };
    const post = async (message: string) =>
      (
        await request(app)
          .post(`${G}/${page.pageId}/feed`)
          .type('form')
          .send({ message, access_token: page.pageToken })
          .expect(200)
      ).body.id as string;
    const older = await post('Closed on Monday');
    const newer = await post('Flu clinic this Saturday');

    const sent = await form('facebook/comments', {
      postId: newer,
      authorName: 'Sam Patel',
      message: 'Do I need to book?',
    }).expect(303);
    const [comment] = [...facebook.comments.values()];
    expect(sent.headers['location']).toBe(`/?done=facebook-comment#fb-comment-${comment.id}`);
    expect(comment).toMatchObject({
      postId: newer,
      message: 'Do I need to book?',
      from: { name: 'Sam Patel' },
    });
    await request(app)
      .post(`${G}/${comment.id}/comments`)
      .type('form')
      .send({ message: 'No need, just come by.', access_token: page.pageToken })
      .expect(200);
    await request(app)
      .post(`${G}/${comment.id}`)
      .type('form')
      .send({ is_hidden: 'true', access_token: page.pageToken })
      .expect(200);

    const text = textOf((await request(app).get('/?done=facebook-comment').expect(200)).text);
    expect(text).toContain('Comment added on Facebook.');
    expect(text).toMatch(/Sam Patel Do I need to book\? .* Hidden/);
    expect(text).toContain('Riverside Family Medicine Page No need, just come by.');
    expect(text.indexOf('Flu clinic this Saturday')).toBeLessThan(text.indexOf('Closed on Monday'));
    expect(text).toContain(`id ${older}`);
  });

  it('shows blog posts with their comments and takes a comment', async () => {
    const site = (
      await request(app)
        .post('/_sandbox/wordpress/sites')
        .send({ site: 'riverside', title: 'Riverside blog' })
    ).body as { username: string; applicationPassword: string };
    const auth = `Basic ${Buffer.from(`${site.username}:${site.applicationPassword}`).toString('base64')}`;
    const created = await request(app)
      .post('/wp/riverside/wp-json/wp/v2/posts')
      .set('Authorization', auth)
      .send({
        title: 'Allergy season',
        content: '<p>Pollen counts are high &amp; rising.</p>',
        status: 'publish',
      })
      .expect(201);

    const sent = await form('wordpress/comments', {
      post: `riverside/${created.body.id}`,
      authorName: 'Ana',
      content: 'Thanks for the tips',
    }).expect(303);
    expect(sent.headers['location']).toBe('/?done=wordpress-comment#wp-riverside-comment-1');

    const text = textOf((await request(app).get('/?done=wordpress-comment').expect(200)).text);
    expect(text).toContain('Comment added on WordPress.');
    expect(text).toContain('Riverside blog /wp/riverside');
    expect(text).toContain('Allergy season Pollen counts are high &amp; rising.');
    expect(text).toContain('Ana Thanks for the tips');
  });

  it('escapes what people typed', async () => {
    const account = (await request(app).post('/_sandbox/x/accounts').send({ username: 'clinic' })).body as {
      id: string;
    };
    await form('x/mentions', {
      account: account.id,
      authorName: '<img src=x onerror=alert(1)>',
      authorUsername: 'mallory',
      text: '<script>alert("hi")</script> & more',
    }).expect(303);
    const page = (await home()).text;
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; more');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Line breaks survive as <br>, and only those.
    await form('x/mentions', {
      account: account.id,
      authorUsername: 'ana',
      text: 'First line\r\n<br>second',
    });
    expect((await home()).text).toContain('@clinic First line<br>&lt;br&gt;second');
  });

  it('refuses an incomplete form with the reason, adding nothing', async () => {
    const account = (await request(app).post('/_sandbox/x/accounts').send({ username: 'clinic' })).body as {
      id: string;
    };
    const res = await form('x/mentions', {
      account: account.id,
      authorUsername: 'ok_name',
      text: ' ',
    }).expect(400);
    expect(res.text).toContain('role="alert"');
    expect(textOf(res.text)).toContain('Nothing was added: write the text of the mention.');
    const badHandle = await form('x/mentions', {
      account: account.id,
      authorUsername: 'no spaces',
      text: 'hi',
    });
    expect(badHandle.status).toBe(400);
    const unknownPost = await form('facebook/comments', { postId: '1_2', message: 'hello' }).expect(400);
    expect(textOf(unknownPost.text)).toContain('Nothing was added: unknown postId.');
    expect(x.mentionsOf(account.id)).toEqual([]);
    expect(facebook.comments.size).toBe(0);
  });

  it('ignores confirmation codes it does not know', async () => {
    const res = await request(app).get('/?done=<b>hacked</b>').expect(200);
    expect(res.text).not.toContain('hacked');
  });

  it('keeps the JSON health check and 404s', async () => {
    await request(app)
      .get('/health')
      .expect(200, /"status":"ok"/);
    const res = await request(app).post('/_sandbox/ui/nothing').type('form').send({ a: '1' }).expect(404);
    expect(res.body.error).toBe('not_found');
  });
});
