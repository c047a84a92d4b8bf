import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './api-client';
import { describeAxe, runAxe, type AxePageResult } from './axe';
import { launchChromium } from './chromium';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e/review');
const PASSWORD = 'Riverside-Demo-2026';
const ADMIN = 'admin@riverside.example';
const MARKETER = 'dana@riverside.example';
const REVIEWER = 'marcus@riverside.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const WITH_PHI =
  'Snow closure today: the clinic is closed. Our patient Jane Morgan, born 03/14/1962, asked us to remind everyone to stay safe.';
const FIXED = 'Snow closure today: the clinic is closed. Please stay safe and call us if you need help.';
const EDITED = 'Snow closure today: the clinic is closed. We open again tomorrow at 8 AM. Please stay safe.';

/**
 * The review journey in Chromium against the real api: a marketer drafts a health alert with a
 * date of birth in it, sees the finding, fixes it and submits; the reviewer requests changes from
 * the queue; the marketer edits and resubmits; the reviewer sees what changed and approves; both
 * see the versions, the diff and the approval. Then an outside approver's link. axe on the queue,
 * the post page and the outside approver's page, at desktop and phone width.
 */
describe('Review journey in Chromium', () => {
  let stack: ProductStack;
  let browser: Browser;
  const axe: AxePageResult[] = [];
  const contexts: BrowserContext[] = [];
  let postId = '';

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(stack.baseUrl + '/sign-in', { waitUntil: 'networkidle' });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return page;
  }

  async function api(email: string): Promise<ApiClient> {
    const client = new ApiClient(stack.baseUrl);
    const res = await client.call('POST', '/api/auth/sign-in', { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return client;
  }

  /** A picture at each width, and axe on each: no serious or critical violation. */
  async function check(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
    const blocking: string[] = [];
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await ready();
      await page.waitForLoadState('networkidle');
      const result = await runAxe(page, name);
      axe.push(result);
      await page.screenshot({ path: resolve(SHOTS, `${name}-${size.width}.png`), fullPage: true });
      if (result.blocking.length) blocking.push(describeAxe(result));
    }
    await page.setViewportSize(DESKTOP);
    expect(blocking).toEqual([]);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
  }

  /** Waits until the composer says the latest change is saved. */
  async function saved(page: Page): Promise<void> {
    await page.waitForFunction(
      () => {
        const status = document.querySelector('.composer__status')?.textContent ?? '';
        return /Saved at/.test(status) && !/Saving|not saved/.test(status);
      },
      undefined,
      { timeout: 15_000 },
    );
  }

  /** The link emailed to `to` (written to the log: no SMTP in tests). */
  async function emailedOutsideLink(to: string): Promise<string> {
    for (let i = 0; i < 150; i++) {
      const lines = [...stack.api.output, ...stack.worker.output].join('').split('\n');
      const found = lines
        .filter((line) => line.includes(to))
        .map((line) => /\/outside-review\/([A-Za-z0-9_-]+)/.exec(line))
        .find(Boolean);
      if (found) return `/outside-review/${found[1]}`;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no outside review link to ${to} in the log`);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await ProductStack.start(() => ({ LOG_LEVEL: 'info' }));
    browser = await launchChromium();
    const admin = await api(ADMIN);
    const blog = await admin.call('POST', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(blog.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    writeFileSync(resolve(SHOTS, 'axe.json'), JSON.stringify(axe, null, 2));
    console.log(axe.map(describeAxe).join('\n'));
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
  });

  it('a marketer drafts a health alert, sees the date of birth flagged, fixes it and submits', async () => {
    const dana = await signedIn(MARKETER);
    await dana.goto(stack.baseUrl + '/posts/new', { waitUntil: 'networkidle' });
    await dana.getByRole('radio', { name: 'Health alert' }).click();
    await dana.locator('#composer-text').fill(WITH_PHI);
    await dana.getByRole('checkbox', { name: /Carecast blog/ }).check();
    // The date of birth (and the patient's name) are marked as blocking where they stand.
    await dana.locator('mark.ct__mark--block').filter({ hasText: '03/14/1962' }).first().waitFor();
    await saved(dana);
    postId = /\/posts\/([0-9a-f-]{36})\/edit/.exec(dana.url())?.[1] ?? '';
    expect(postId).not.toBe('');
    await shot(dana, '01-composer-phi-finding');

    await dana.locator('#composer-text').fill(FIXED);
    await dana.locator('mark.ct__mark--block').first().waitFor({ state: 'detached' });
    await saved(dana);
    await dana.getByRole('button', { name: 'Submit for review' }).click();
    await dana.locator('.composer__submitted').waitFor();
    await shot(dana, '02-composer-submitted');
  }, 90_000);

  it('the reviewer finds it in the queue (counts, keyboard), opens it and requests changes with a comment', async () => {
    const marcus = await signedIn(REVIEWER);
    await marcus.goto(stack.baseUrl + '/review', { waitUntil: 'networkidle' });
    const row = marcus.locator('li.row').first();
    await row.waitFor();
    expect(await marcus.locator('.count').first().textContent()).toMatch(/1\s*waiting for you/);
    expect(await row.textContent()).toContain('health alert');
    await marcus.locator('.row__blocking').first().waitFor();
    expect(await row.textContent()).toContain('No blocking findings');
    await check(marcus, 'review-queue', () => row.waitFor());

    // Enter opens the chosen (first) row.
    await marcus.locator('h1').click();
    await marcus.keyboard.press('j');
    await marcus.keyboard.press('Enter');
    await marcus.waitForURL(new RegExp(`/posts/${postId}$`));
    await marcus.getByRole('heading', { name: 'Routine health alert' }).waitFor();
    await check(marcus, 'post-page-in-review', () =>
      marcus.getByRole('button', { name: 'Approve', exact: true }).waitFor(),
    );

    // The comment is required.
    await marcus.getByRole('button', { name: 'Request changes', exact: true }).click();
    await marcus.getByText('Say what should change').waitFor();
    await marcus.locator('#decision-comment').fill('Please say when we open again.');
    await marcus.getByRole('button', { name: 'Request changes', exact: true }).click();
    await marcus.locator('.notices').getByText('Sent back to the author with your comment.').waitFor();
    await marcus.locator('.state').getByText('Changes requested').waitFor();
    expect(await marcus.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await shot(marcus, '03-changes-requested');
  }, 90_000);

  it('the marketer sees the request, edits and resubmits; the reviewer sees what changed and approves', async () => {
    const dana = await signedIn(MARKETER);
    await dana.goto(`${stack.baseUrl}/posts/${postId}`, { waitUntil: 'networkidle' });
    await dana.locator('.state').getByText('Changes requested').waitFor();
    // An author never sees the reviewer's actions on their own post.
    expect(await dana.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await dana.getByRole('tab', { name: 'Approvals' }).click();
    await dana.locator('.record').getByText('Please say when we open again.').waitFor();
    await dana.getByRole('link', { name: 'Edit' }).click();
    await dana.waitForURL(new RegExp(`/posts/${postId}/edit`));
    await dana.locator('#composer-text').waitFor();
    await dana.locator('#composer-text').fill(EDITED);
    await saved(dana);
    await dana.getByRole('button', { name: 'Submit for review' }).click();
    await dana.locator('.composer__submitted').waitFor();

    const marcus = await signedIn(REVIEWER);
    await marcus.goto(stack.baseUrl + '/review', { waitUntil: 'networkidle' });
    const row = marcus.locator('li.row').first();
    await row.getByText(/Changed since your last review/).waitFor();
    await row
      .locator('.row__changed')
      .getByText(/Text|text/)
      .waitFor();
    await shot(marcus, '04-queue-changed');
    await row.locator('a').click();
    await marcus
      .locator('.changed')
      .getByText(/Changed since you requested changes/)
      .waitFor();
    // History (the first tab): the diff since my last review, side by side.
    await marcus
      .locator('cc-diff-side ins')
      .filter({ hasText: /tomorrow/ })
      .first()
      .waitFor();
    await shot(marcus, '05-post-diff-since-my-review');
    await marcus.getByRole('button', { name: 'Approve', exact: true }).click();
    await marcus
      .locator('.notices')
      .getByText(/Your approval was recorded/)
      .waitFor();
    await marcus
      .locator('.state')
      .getByText(/Approved|Scheduled/)
      .waitFor();
    await check(marcus, 'post-page-approved', () => marcus.locator('.state').waitFor());
  }, 120_000);

  it('both see the history: versions, the diff between any two, and the approval record', async () => {
    for (const [email, name] of [
      [MARKETER, 'marketer'],
      [REVIEWER, 'reviewer'],
    ] as const) {
      const page = await signedIn(email);
      await page.goto(`${stack.baseUrl}/posts/${postId}`, { waitUntil: 'networkidle' });
      await page
        .locator('.state')
        .getByText(/Approved|Scheduled/)
        .waitFor();
      // Versions: pick the first against the last.
      await page.getByRole('combobox', { name: 'Earlier version' }).click();
      await page.getByRole('option', { name: /^Revision 1 ·/ }).click();
      await page
        .locator('.diff__lead')
        .getByText(/revision 1/)
        .waitFor();
      await page
        .locator('cc-diff-side del')
        .filter({ hasText: /03\/14\/1962/ })
        .first()
        .waitFor();
      expect(await page.locator('.event').count()).toBeGreaterThan(2);
      await page.locator('.diff').scrollIntoViewIfNeeded();
      await shot(page, `06-history-${name}`);
      await page.getByRole('tab', { name: 'Approvals' }).click();
      const approved = page.locator('.record--approved');
      await approved.waitFor();
      const record = (await approved.textContent()) ?? '';
      expect(record).toContain('Marcus Lee');
      expect(record).toMatch(/hash [0-9a-f]{12}/);
      expect(record).toContain('(the current content)');
      await approved.scrollIntoViewIfNeeded();
      await shot(page, `07-approvals-${name}`);
    }
  }, 120_000);

  it('an outside approver opens the emailed link without an account, approves, and the link then says it was used', async () => {
    const dana = await api(MARKETER);
    const channels = await dana.call<Array<{ id: string }>>('GET', '/api/channels');
    const made = await dana.call<{ id: string }>('POST', '/api/posts', {
      kind: 'post',
      text: 'Flu shots are here: walk in any weekday from 8 to 6.',
      variants: [{ channelId: channels.body[0].id }],
    });
    expect(made.status).toBe(201);
    expect((await dana.call('POST', `/api/posts/${made.body.id}/submit`)).status).toBe(200);
    const marcus = await api(REVIEWER);
    const asked = await marcus.call('POST', `/api/posts/${made.body.id}/outside-reviews`, {
      name: 'Dr. Ana Ruiz',
      email: 'ana.ruiz@physicians.example',
    });
    expect(asked.status).toBe(201);
    const link = await emailedOutsideLink('ana.ruiz@physicians.example');

    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(stack.baseUrl + link, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Review a post' }).waitFor();
    await check(page, 'outside-review', () =>
      page.getByRole('button', { name: 'Approve', exact: true }).waitFor(),
    );
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText(/Thank you/).waitFor();
    await shot(page, '08-outside-approved');
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await check(page, 'outside-review-used', () => page.locator('h1').waitFor());
  }, 90_000);
});
