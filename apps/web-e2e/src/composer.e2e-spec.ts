import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { SandboxProcess } from '@carecast/server/testing';
import { ApiClient } from './api-client';
import { describeAxe, runAxe, settleAnimations } from './axe';
import { launchChromium } from './chromium';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e');
const PASSWORD = 'Riverside-Demo-2026';
const ADMIN = 'admin@riverside.example';
const MARKETER = 'dana@riverside.example';
const X_TOKEN = 'composer-e2e-x-token';
const PHI = ' We saw Maria Gomez (SSN 123-45-6789) this morning.';

/**
 * Dana writes a post in Chromium: from a template, for X, with an identifier the checks mark in
 * the text and that she removes, the X preview and counter, an image with its description; the
 * post is saved as she writes and the Posts list shows it. Every page is checked by axe at 1280
 * and 360 pixels wide.
 */
describe('The composer in Chromium, served by the real api', () => {
  let sandbox: SandboxProcess;
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let postId = '';
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  async function shot(name: string): Promise<void> {
    await settleAnimations(page);
    await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
    const axe = await runAxe(page, name);
    expect(axe.blocking.length ? describeAxe(axe) : 'no serious or critical violations').toBe(
      'no serious or critical violations',
    );
  }

  async function signIn(email: string, path: string): Promise<void> {
    await page.goto(`${stack.baseUrl}${path}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await SandboxProcess.start();
    stack = await ProductStack.start(() => ({ X_API_BASE_URL: sandbox.url }));
    await sandbox.control('/_sandbox/x/accounts', {
      username: 'riversidefm',
      name: 'Riverside Family Medicine',
      accessToken: X_TOKEN,
    });
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const x = await admin.call('POST', '/api/channels', {
      kind: 'x_account',
      credentials: { accessToken: X_TOKEN },
    });
    expect(x.status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('response', async (res) => {
      if (res.status() >= 400)
        failedRequests.push(
          `${res.status()} ${res.request().method()} ${res.url()} ${await res.text().catch(() => '')}`,
        );
    });
    await signIn(MARKETER, '/posts');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
    await sandbox?.stop();
  });

  it('shows an empty Posts list with the ways to start', async () => {
    await page.getByRole('heading', { name: 'No posts yet' }).waitFor();
    await page.getByRole('link', { name: 'Start from a template' }).first().waitFor();
    await page.locator('.state__count').first().filter({ hasText: '0' }).waitFor();
    await shot('posts-empty-1280');
  });

  it('writes a post from a template, marks and then drops an identifier, previews it on X and adds an image', async () => {
    await page.getByRole('link', { name: 'New post' }).first().click();
    await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start from a template' }).click();
    await page.getByRole('button', { name: /^Flu shot clinic/ }).click();
    await page.locator('#template-days').fill('weekdays in October');
    await page.locator('#template-hours').fill('8 am to 6 pm');
    await page.getByRole('checkbox', { name: /X account/ }).check();

    const text = page.locator('#composer-text');
    await expect(text.inputValue()).resolves.toContain(
      'Flu shots are here! Walk in to Riverside Family Medicine on weekdays in October from 8 am to 6 pm.',
    );
    const filled = await text.inputValue();

    // An identifier of a patient: marked in the text, explained, and submission closed.
    await text.fill(filled + PHI);
    const marks = page.locator('cc-checked-text mark.ct__mark--block', { hasText: '123-45-6789' });
    await marks.first().waitFor();
    const findings = page.locator('li.finding--block', { hasText: '123-45-6789' });
    const finding = findings.first();
    await finding.locator('.finding__severity', { hasText: 'Must fix' }).waitFor();
    await expect(page.getByRole('button', { name: 'Submit for review' }).isDisabled()).resolves.toBe(true);
    await page.locator('#submit-reason', { hasText: 'must be fixed first' }).waitFor();
    await finding.getByRole('button', { name: 'Show in the text' }).click();
    // The cursor lands on the words, selected, so they can be typed over.
    await page.waitForFunction(() => {
      const area = document.getElementById('composer-text') as HTMLTextAreaElement;
      return (
        document.activeElement === area &&
        area.value.slice(area.selectionStart, area.selectionEnd) === '123-45-6789'
      );
    });
    await shot('composer-finding-1280');

    // Fixed: the words go, and so do the mark and the finding.
    await text.fill(filled);
    await finding.waitFor({ state: 'detached' });
    await expect(findings.count()).resolves.toBe(0);
    await expect(marks.count()).resolves.toBe(0);

    // The X tab: the post as X shows it, with X's weighted counter.
    await page.getByRole('tab', { name: /riversidefm|Riverside/ }).click();
    const preview = page.locator('figure[aria-label^="Preview on X for"]');
    await preview.waitFor();
    await expect(preview.locator('.x__text').textContent()).resolves.toContain('Flu shots are here!');
    await expect(preview.locator('.counter').textContent()).resolves.toMatch(/X counts \d+ of 280/);

    // An image, described for screen readers.
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7bd5' } })
      .png()
      .toBuffer();
    await page
      .locator('cc-image-picker input[type=file]')
      .setInputFiles({ name: 'clinic.png', mimeType: 'image/png', buffer: png });
    const alt = page.locator('#composer-image-0-alt');
    await alt.waitFor();
    await page.locator('li.finding', { hasText: 'Image 1' }).first().waitFor();
    await alt.fill('A nurse giving a flu shot at the front desk');
    await page.locator('li.finding', { hasText: 'Image 1' }).waitFor({ state: 'detached' });
    await preview.locator('img[alt="A nurse giving a flu shot at the front desk"]').waitFor();

    // Saved as it was written: the post has its own address.
    await page.locator('.composer__status', { hasText: 'Saved at' }).waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}\/edit$/);
    postId = /\/posts\/([0-9a-f-]{36})\/edit$/.exec(page.url())?.[1] ?? '';
    await expect(page.getByRole('button', { name: 'Submit for review' }).isDisabled()).resolves.toBe(false);
    await shot('composer-x-preview-1280');

    const api = new ApiClient(stack.baseUrl);
    await api.call('POST', '/api/auth/sign-in', { email: MARKETER, password: PASSWORD });
    const saved = await api.call<{ text: string; images: Array<{ altText: string }>; variants: unknown[] }>(
      'GET',
      `/api/posts/${postId}`,
    );
    expect(saved.body.text).toBe(filled);
    expect(saved.body.images.map((i) => i.altText)).toEqual(['A nurse giving a flu shot at the front desk']);
    expect(saved.body.variants).toHaveLength(1);
  });

  it('lists the post on the Posts page, counted as a draft', async () => {
    await page.goto(`${stack.baseUrl}/posts`);
    const row = page.locator('li.post', { hasText: 'Flu shots are here!' });
    await row.waitFor();
    await expect(row.locator('.post__state').textContent()).resolves.toContain('Draft');
    await page.getByRole('button', { name: /1\s*Drafts/ }).waitFor();
    await shot('posts-list-1280');
  });

  it('works on a phone: the composer and the list at 360 pixels', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${stack.baseUrl}/posts/${postId}/edit`);
    await page.getByRole('heading', { name: 'Edit post', level: 1 }).waitFor();
    await page.locator('#composer-text').waitFor();
    await shot('composer-360');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`${stack.baseUrl}/posts`);
    await page.locator('li.post').first().waitFor();
    await shot('posts-list-360');
  });

  it('asks before putting changes kept in the browser over a version someone saved since', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const dana = new ApiClient(stack.baseUrl);
    await dana.call('POST', '/api/auth/sign-in', { email: MARKETER, password: PASSWORD });
    const me = await dana.call<{ user: { id: string }; organisation: { id: string } }>('GET', '/api/auth/me');
    const before = await dana.call<{ text: string; revision: number }>('GET', `/api/posts/${postId}`);

    // Dana's changes, kept in this browser on the revision she had (the tab closed before they were saved)...
    const draftPath = `/posts/${postId}/edit`;
    const key = `cc-draft:${me.body.user.id}:${me.body.organisation.id}:${draftPath}:composer`;
    const kept = `${before.body.text} Kept in this browser.`;
    await page.evaluate(
      ([k, v]) => localStorage.setItem(k, v),
      [key, JSON.stringify({ savedAt: Date.now(), basedOn: before.body.revision, value: { text: kept } })],
    );
    // ...then the administrator saves a newer version.
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const theirs = await admin.call<{ revision: number }>('PATCH', `/api/posts/${postId}`, {
      revision: before.body.revision,
      text: `${before.body.text} Changed by the administrator.`,
    });
    expect(theirs.status).toBe(200);

    await page.goto(`${stack.baseUrl}${draftPath}`);
    const notice = page.locator('.composer__newer');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(
      `saved version ${theirs.body.revision} of this post`,
    );
    await expect(page.locator('#composer-text').inputValue()).resolves.toContain(
      'Changed by the administrator.',
    );
    await expect(page.locator('#composer-text').isDisabled()).resolves.toBe(true);
    await shot('composer-newer-version-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot('composer-newer-version-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing was saved before Dana chose.
    const meanwhile = await dana.call<{ revision: number }>('GET', `/api/posts/${postId}`);
    expect(meanwhile.body.revision).toBe(theirs.body.revision);

    await page.getByRole('button', { name: 'Use my unsaved changes' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.locator('.composer__status', { hasText: 'Saved at' }).waitFor({ timeout: 15_000 });
    const after = await dana.call<{ text: string; revision: number }>('GET', `/api/posts/${postId}`);
    expect(after.body).toMatchObject({ text: kept, revision: theirs.body.revision + 1 });
  });

  it('writes the Spanish article of a health alert going to the blog, with its preview', async () => {
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const blog = await admin.call('POST', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(blog.status).toBe(201);

    await page.goto(`${stack.baseUrl}/posts/new`);
    await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Health alert' }).click();
    await page
      .locator('#composer-text')
      .fill('Riverside Family Medicine is closed today because of the snow.');
    await page.getByRole('checkbox', { name: /Carecast blog/ }).check();
    await page.getByRole('tab', { name: /^Spanish/ }).click();
    await page
      .locator('#composer-spanish-text')
      .fill('Riverside Family Medicine está cerrado hoy por la nieve.');
    await page.locator('#composer-spanish-title').fill('Cerrado hoy por la nieve');
    await page.locator('#composer-spanish-body').fill('Llame al 911 en caso de emergencia.');
    await page.locator('#composer-spanish-body').selectText();
    await page
      .getByRole('toolbar', { name: 'Format the Spanish article body' })
      .getByRole('button', { name: 'Paragraph' })
      .click();
    const preview = page.locator('figure[aria-label$=" in Spanish"]');
    await preview.locator('.blog__title', { hasText: 'Cerrado hoy por la nieve' }).waitFor();
    await preview.locator('.blog__body p', { hasText: 'Llame al 911' }).waitFor();

    await page.locator('.composer__status', { hasText: 'Saved at' }).waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}\/edit$/);
    const alertId = /\/posts\/([0-9a-f-]{36})\/edit$/.exec(page.url())?.[1] ?? '';
    await shot('composer-spanish-article-1280');
    await preview.scrollIntoViewIfNeeded();
    await shot('composer-spanish-preview-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot('composer-spanish-article-360');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    const saved = await admin.call<{ spanish: unknown }>('GET', `/api/posts/${alertId}`);
    expect(saved.body.spanish).toEqual({
      text: 'Riverside Family Medicine está cerrado hoy por la nieve.',
      title: 'Cerrado hoy por la nieve',
      body: '<p>Llame al 911 en caso de emergencia.</p>',
    });
  });

  it('offers a new post from the empty calendar, at 1280 and 360 pixels', async () => {
    await page.goto(`${stack.baseUrl}/calendar`);
    await page.getByText('The calendar view of scheduled posts comes with scheduling.').waitFor();
    await page.locator('cc-empty-state').getByRole('link', { name: 'New post' }).waitFor();
    await page.locator('cc-empty-state').getByRole('link', { name: 'Start from a template' }).waitFor();
    await shot('calendar-empty-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot('calendar-empty-360');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('cc-empty-state').getByRole('link', { name: 'Start from a template' }).click();
    await page.getByRole('dialog', { name: 'Start from a template' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('shows the content settings to an administrator, at 1280 and 360 pixels', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(ADMIN, '/settings/content');
    await page.getByRole('heading', { name: 'Content settings', level: 1 }).waitFor();
    await page.getByText('allowed in posts and replies').waitFor();
    await shot('content-settings-1280');
    // An address the api refuses: its words show under the field it names.
    await page.getByLabel('Email addresses').fill('frontdesk@riverside.example\nfront desk');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const refusal = page.locator('mat-form-field', { hasText: 'Email addresses' }).locator('mat-error');
    await refusal.filter({ hasText: 'Each of emails must be an email address.' }).waitFor();
    await shot('content-settings-refused-1280');
    await page.getByLabel('Email addresses').fill('frontdesk@riverside.example');
    await page.getByLabel('Staff names').fill('Dr. Maria Lopez');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    await shot('content-settings-360');
  });

  it('logged no errors in the browser console, and the api refused nothing', () => {
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
