import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './api-client';
import { describeAxe, runAxe } from './axe';
import { launchChromium } from './chromium';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e');
const SECTIONS = ['Calendar', 'Review', 'Inbox', 'Channels', 'Audit'];
const PASSWORD = 'Riverside-Demo-2026';
const ADMIN = 'admin@riverside.example';
const REVIEWER = 'marcus@riverside.example';

/** Chromium's own line for an answer a test provoked on purpose (e.g. 401 after expiry). */
const provoked = (text: string) =>
  /Failed to load resource: the server responded with a status of 401/.test(text);

describe('Carecast in Chromium, served by the real api', () => {
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let sql: Client;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  /** A picture of the page, and axe's verdict on it: no serious or critical violation. */
  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
    const axe = await runAxe(page, name);
    expect(axe.blocking.length ? describeAxe(axe) : 'no serious or critical violations').toBe(
      'no serious or critical violations',
    );
  }

  async function signIn(email: string, code?: () => string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (code) {
      await page.getByLabel('Authentication code').fill(code());
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
    }
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  async function accountMenu(): Promise<void> {
    await page.getByRole('button', { name: 'Account menu' }).click();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await ProductStack.start();
    sql = new Client({ connectionString: stack.databaseUrl });
    await sql.connect();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('response', (res) => res.status() >= 400 && failedRequests.push(`${res.status()} ${res.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await sql?.end();
    await stack?.dispose();
  });

  it('sends a visitor to sign-in, then shows the shell with its sections, with no console errors', async () => {
    await page.goto(stack.baseUrl + '/calendar', { waitUntil: 'networkidle' });
    await page.waitForURL(/\/sign-in/);
    await shot('sign-in');
    await signIn(ADMIN);
    await expect(page.title()).resolves.toMatch(/Carecast/);
    for (const section of [...SECTIONS, 'Users']) {
      await nav().getByRole('link', { name: section, exact: true }).waitFor();
    }
    await shot('shell');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  it('shows a real empty state on every section, reached through the navigation', async () => {
    for (const section of SECTIONS.filter((s) => s !== 'Audit')) {
      await nav().getByRole('link', { name: section, exact: true }).click();
      await page.waitForURL(new RegExp(`/${section.toLowerCase()}$`));
      await page.waitForLoadState('networkidle');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(section);
      await shot(`section-${section.toLowerCase()}`);
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main.length).toBeGreaterThan(section.length + 40);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('shows live health of Postgres, Redis and the worker', async () => {
    await page.goto(stack.baseUrl + '/status', { waitUntil: 'networkidle' });
    await page
      .getByRole('main')
      .getByText(/Postgres/)
      .first()
      .waitFor();
    // The worker reports through a BullMQ job every 2 s; the panel polls until all three say so.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('main .badge')].filter((b) => b.textContent?.trim() === 'Up').length ===
        3,
      null,
      { timeout: 20_000 },
    );
    await page.screenshot({ path: resolve(SHOTS, 'status.png'), fullPage: true });
    await shot('status-top');
    expect(consoleErrors).toEqual([]);
  });

  it('switches organisation from the account menu', async () => {
    await accountMenu();
    await page.getByRole('menuitemradio', { name: /Lakeside Pediatrics/ }).click();
    await page.getByRole('banner').getByText('Lakeside Pediatrics').waitFor();
    await shot('switched');
    await accountMenu();
    await page.getByRole('menuitemradio', { name: /Riverside Family Medicine/ }).click();
    await page.getByRole('banner').getByText('Riverside Family Medicine').waitFor();
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.organisation_switched'`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('keeps what was typed when the session expires, and returns to it after signing in again', async () => {
    await page.goto(stack.baseUrl + '/settings/users', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Invite someone' }).first().click();
    await page.getByLabel('Email address').fill('billing.lead@riverside.example');
    await sql.query(
      `UPDATE user_session SET last_seen_at = now() - interval '2 hours' WHERE revoked_at IS NULL`,
    );
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(/\/sign-in\?.*reason=expired/);
    await page
      .getByText(/inactivity/)
      .first()
      .waitFor();
    await shot('session-expired');
    await signIn(ADMIN);
    await page.waitForURL(/\/settings\/users/);
    if (!(await page.getByLabel('Email address').isVisible())) {
      await page.getByRole('button', { name: 'Invite someone' }).first().click();
    }
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe(
      'billing.lead@riverside.example',
    );
    expect(consoleErrors.filter((e) => !provoked(e))).toEqual([]);
  });

  it('verifies the audit chain from the audit page, anchored by the checkpoint an intact verification signs', async () => {
    await nav().getByRole('link', { name: 'Audit', exact: true }).click();
    const result = page.getByRole('status').filter({ hasText: /Chain (intact|broken|not anchored)/ });
    // A new organisation may have no checkpoint yet (the worker signs one every few minutes): the
    // page says so, and the intact verification signs one, so the next one is anchored.
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Chain (intact|not anchored by a signed checkpoint)/);
    await shot('audit-first-verification');

    // The second verification's own answer, read as it passes through (the browser may already
    // have dropped a response body by the time it is asked for it).
    const answered = new Promise<unknown>((resolveAnswer) => {
      void page.route('**/api/audit/verify', async (route) => {
        const response = await route.fetch();
        resolveAnswer(await response.json());
        await route.fulfill({ response });
      });
    });
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(answered).resolves.toMatchObject({ intact: true, anchored: true });
    await page.unroute('**/api/audit/verify');
    const intact = page.getByRole('status').filter({ hasText: /Chain intact/ });
    await intact.waitFor();
    await expect(intact.textContent()).resolves.toMatch(/matches the signed checkpoint/);
    await shot('audit');
  });

  it('signs out, and then the dashboard needs a sign-in again', async () => {
    await accountMenu();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(stack.baseUrl + '/audit', { waitUntil: 'networkidle' });
    await page.waitForURL(/\/sign-in/);
  });

  it('signs in with a second factor when the account has MFA on', async () => {
    // Arrange through the API: the reviewer turns on TOTP.
    const api = new ApiClient(stack.baseUrl);
    await api.call('POST', '/api/auth/sign-in', { email: REVIEWER, password: PASSWORD });
    const setup = await api.call<{ secret: string }>('POST', '/api/auth/mfa/setup');
    const enabled = await api.call('POST', '/api/auth/mfa/enable', {
      code: generateSync({ secret: setup.body.secret }),
    });
    expect(enabled.status).toBe(200);
    await api.call('POST', '/api/auth/sign-out');

    await page.goto(stack.baseUrl + '/sign-in', { waitUntil: 'networkidle' });
    // The code of the next 30-second step: the one just used to enrol cannot be used again.
    const nextCode = () =>
      generateSync({ secret: setup.body.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('Email').fill(REVIEWER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').waitFor();
    await shot('sign-in-code');
    await page.getByLabel('Authentication code').fill(nextCode());
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await accountMenu();
    await page.getByRole('menu').getByText(REVIEWER).waitFor();
    await page.keyboard.press('Escape');
    // A reviewer sees no Users page.
    await expect(nav().getByRole('link', { name: 'Users', exact: true }).count()).resolves.toBe(0);
  });

  it('renders at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(stack.baseUrl + '/calendar', { waitUntil: 'networkidle' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('phone');
  });

  it('stops gracefully on SIGTERM: both processes exit 0', async () => {
    const { api, worker } = await stack.stop();
    expect(api.code).toBe(0);
    expect(worker.code).toBe(0);
  });
});
