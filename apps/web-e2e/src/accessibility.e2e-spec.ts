import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './api-client';
import { describeAxe, runAxe, settleAnimations, type AxePageResult } from './axe';
import { launchChromium } from './chromium';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e/a11y');
const PASSWORD = 'Riverside-Demo-2026';
const ADMIN = 'admin@riverside.example';
const VIEWER = 'viewer@riverside.example';
const MARKETER = 'dana@riverside.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const WIDTHS = [DESKTOP, PHONE];

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours (alpha ignored: opaque colours expected). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

interface FocusRing {
  element: string;
  focusVisible: boolean;
  style: string;
  width: number;
  color: string;
  /** The first opaque background behind the element (where an outside ring is drawn). */
  around: string;
}

/** The outline of the focused element, when it is a button or a link (fields have their own). */
function focusRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !el.matches('a[href], button, [role="button"], [role^="menuitem"]')) {
      return null;
    }
    const style = getComputedStyle(el);
    let around = 'rgb(255, 255, 255)';
    for (let node = el.parentElement; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        around = c;
        break;
      }
    }
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      element: `${el.tagName.toLowerCase()} "${name.slice(0, 40)}"`,
      focusVisible: el.matches(':focus-visible'),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      around,
    };
  });
}

/**
 * Every page of the dashboard, signed out and signed in, at desktop and phone width, checked with
 * axe-core: no serious or critical violation anywhere. Also the keyboard and form behaviour that
 * axe cannot see: a visible focus ring, fields that do not turn red by being tabbed past, and
 * error messages that do not cover what follows them.
 */
describe('Every page in Chromium passes axe, and works from the keyboard', () => {
  let stack: ProductStack;
  let browser: Browser;
  const results: AxePageResult[] = [];

  /** Loads a page of the product and waits until it shows its heading. */
  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(stack.baseUrl + path, { waitUntil: 'networkidle' });
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** Runs axe on what the page shows now, keeps the result for the report and takes a picture. */
  async function check(page: Page, name: string): Promise<AxePageResult> {
    await settleAnimations(page);
    const result = await runAxe(page, name);
    results.push(result);
    await page.screenshot({ path: resolve(SHOTS, `${name}-${result.width}.png`), fullPage: true });
    return result;
  }

  /** Visits each path at each width and returns the serious and critical findings, by page. */
  async function checkPages(page: Page, pages: Array<[string, string]>): Promise<string[]> {
    const blocking: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const [name, path] of pages) {
        await visit(page, path);
        const result = await check(page, name);
        if (result.blocking.length) blocking.push(describeAxe(result));
      }
    }
    return blocking;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await visit(page, '/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: DESKTOP });
    return { context, page: await context.newPage() };
  }

  /** The link in the email to `to` that the api wrote to its log (no SMTP_URL in tests). */
  async function emailedLink(path: string, to: string): Promise<string> {
    const pattern = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
    for (let i = 0; i < 100; i++) {
      const lines = [...stack.api.output, ...stack.worker.output].join('').split('\n');
      const found = lines
        .filter((line) => line.includes(to))
        .map((line) => pattern.exec(line))
        .find(Boolean);
      if (found) return `${path}?token=${found[1]}`;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no email to ${to} with ${path} in the log`);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Mail is written to the log at info level: the invitation link is read from there.
    stack = await ProductStack.start(() => ({ LOG_LEVEL: 'info' }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    writeFileSync(resolve(SHOTS, 'axe.json'), JSON.stringify(results, null, 2));
    // The per-page summary, for the test log.
    console.log(results.map(describeAxe).join('\n'));
    await browser?.close();
    await stack?.dispose();
  });

  it('signed out: sign-in, forgot password, reset, invitation and not found have no serious or critical violations', async () => {
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const invited = await admin.call('POST', '/api/users/invitations', {
      email: 'new.colleague@riverside.example',
      roles: ['viewer'],
    });
    expect(invited.status).toBe(201);
    const invitation = await emailedLink('/accept-invitation', 'new.colleague@riverside.example');

    const { context, page } = await newPage();
    const blocking = await checkPages(page, [
      ['sign-in', '/sign-in'],
      ['forgot-password', '/forgot-password'],
      ['reset-password', '/reset-password?token=not-a-real-token'],
      ['invitation', invitation],
      ['not-found-signed-out', '/no-such-page'],
    ]);
    await context.close();
    expect(blocking).toEqual([]);
  });

  it('signed in as an administrator: every page, the account menu and the dialogs have no serious or critical violations', async () => {
    const { context, page } = await newPage();
    await signIn(page, ADMIN);
    const blocking = await checkPages(page, [
      ['calendar', '/calendar'],
      ['review', '/review'],
      ['inbox', '/inbox'],
      ['channels', '/channels'],
      ['audit', '/audit'],
      ['users', '/settings/users'],
      ['status', '/status'],
      ['organisation-security', '/settings/security'],
      ['account-security', '/account/security'],
      ['not-found', '/no-such-page'],
    ]);
    // The empty Calendar and Inbox before (above) and after the organisation has a channel.
    await visit(page, '/calendar');
    await page.getByText('Start by connecting the Facebook Pages').waitFor();
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const blog = await admin.call('POST', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(blog.status).toBe(201);
    blocking.push(
      ...(await checkPages(page, [
        ['calendar-with-channel', '/calendar'],
        ['inbox-with-channel', '/inbox'],
        ['channels-with-channel', '/channels'],
      ])),
    );
    await visit(page, '/calendar');
    await page.getByText('write posts for your connected channel').waitFor();
    await expect(page.getByRole('link', { name: 'Connect channels' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'New post' }).count()).resolves.toBe(1);

    // What opens on top of the pages: the account menu, the phone menu and the dialogs.
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await visit(page, '/settings/users');
      await page.locator('cc-user-menu button').first().click();
      await page.getByRole('menu').waitFor();
      let result = await check(page, 'account-menu');
      if (result.blocking.length) blocking.push(describeAxe(result));
      await page.keyboard.press('Escape');

      await page
        .getByRole('button', { name: /^Actions for / })
        .first()
        .click();
      await page.getByRole('menuitem', { name: 'Deactivate' }).click();
      await page.getByRole('dialog').waitFor();
      result = await check(page, 'confirm-dialog');
      if (result.blocking.length) blocking.push(describeAxe(result));
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page
        .getByRole('button', { name: /^Actions for / })
        .first()
        .click();
      await page.getByRole('menuitem', { name: 'Change roles' }).click();
      await page.getByRole('dialog').waitFor();
      result = await check(page, 'roles-dialog');
      if (result.blocking.length) blocking.push(describeAxe(result));
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await visit(page, '/account/security');
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await page.getByLabel('Authentication code').waitFor();
      result = await check(page, 'mfa-enrolment-account');
      if (result.blocking.length) blocking.push(describeAxe(result));
    }
    await page.setViewportSize(PHONE);
    await visit(page, '/calendar');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const menu = await check(page, 'phone-menu');
    if (menu.blocking.length) blocking.push(describeAxe(menu));
    await context.close();
    expect(blocking).toEqual([]);
  });

  it('signed in as an administrator: the bell follows a review request live; its panel and the notification settings have no serious or critical violations', async () => {
    const { context, page } = await newPage();
    await signIn(page, ADMIN);
    const blocking = await checkPages(page, [['notification-settings', '/account/notifications']]);

    // A post sent for review reaches the administrator's bell without reloading the page.
    await visit(page, '/settings/users');
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const channels = await admin.call<Array<{ id: string; kind: string }>>('GET', '/api/channels');
    const blog =
      channels.body.find((c) => c.kind === 'carecast_blog') ??
      (await admin.call<{ id: string }>('POST', '/api/channels', { kind: 'carecast_blog', credentials: {} }))
        .body;
    const marketer = new ApiClient(stack.baseUrl);
    await marketer.call('POST', '/api/auth/sign-in', { email: MARKETER, password: PASSWORD });
    const post = await marketer.call<{ id: string }>('POST', '/api/posts', {
      kind: 'post',
      text: 'Our office is open on Saturday mornings from 9 to 1.',
      variants: [{ channelId: blog.id }],
    });
    expect(post.status).toBe(201);
    expect((await marketer.call('POST', `/api/posts/${post.body.id}/submit`)).status).toBe(200);
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();

    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await visit(page, '/settings/users');
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await page.getByRole('menuitem', { name: /Post waiting for review/ }).waitFor();
      const result = await check(page, 'notifications-panel');
      if (result.blocking.length) blocking.push(describeAxe(result));
      await page.keyboard.press('Escape');
    }
    await context.close();
    expect(blocking).toEqual([]);
  });

  it('signed in as a viewer: the no-access page has no serious or critical violations', async () => {
    const { context, page } = await newPage();
    await signIn(page, VIEWER);
    const blocking = await checkPages(page, [['no-access', '/settings/users']]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('No access');
    await context.close();
    expect(blocking).toEqual([]);
  });

  describe('the keyboard and form behaviour of the sign-in page', () => {
    let context: BrowserContext;
    let page: Page;

    beforeEach(async () => {
      ({ context, page } = await newPage());
      await visit(page, '/sign-in');
    });
    afterEach(() => context.close());

    it('draws a clear focus ring (at least 2 px, 3:1 against the card) around the focused Sign in button', async () => {
      // Email (autofocused) → Password → Sign in.
      await page.getByLabel('Email').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const button = page.getByRole('button', { name: 'Sign in' });
      await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      const ring = await focusRing(page);
      await page.screenshot({ path: resolve(SHOTS, 'sign-in-button-focused.png') });
      expect(ring?.focusVisible).toBe(true);
      expect(ring?.style).not.toBe('none');
      expect(ring?.width).toBeGreaterThanOrEqual(2);
      expect(contrast(ring?.color ?? '', ring?.around ?? '')).toBeGreaterThanOrEqual(3);
    });

    it('does not turn fields red when they are only tabbed past, but does on submit and after a change', async () => {
      const invalid = () => page.locator('mat-form-field.mat-form-field-invalid').count();
      await page.getByLabel('Email').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(invalid()).resolves.toBe(0);
      await expect(page.locator('input[aria-invalid="true"]').count()).resolves.toBe(0);
      await page.screenshot({ path: resolve(SHOTS, 'sign-in-tabbed-past.png') });

      await page.getByLabel('Email').fill('not-an-email');
      await page.keyboard.press('Tab');
      await page.getByText('Enter an email address such as name@practice.org.').waitFor();
      await expect(invalid()).resolves.toBe(1);

      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter the password.').waitFor();
      await expect(invalid()).resolves.toBe(2);
    });
  });

  it('rings every button and link the keyboard reaches, on the signed-in pages too', async () => {
    const { context, page } = await newPage();
    const weak: string[] = [];
    const sweep = async (where: string) => {
      let seen = 0;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const ring = await focusRing(page);
        if (!ring) continue;
        seen++;
        const ratio = contrast(ring.color, ring.around);
        if (!ring.focusVisible || ring.style === 'none' || ring.width < 2 || ratio < 3) {
          weak.push(
            `${where}: ${ring.element} ${ring.style} ${ring.width}px ${ring.color} on ${ring.around}`,
          );
        }
      }
      return seen;
    };
    await visit(page, '/sign-in');
    expect(await sweep('sign-in')).toBeGreaterThan(1);
    await signIn(page, ADMIN);
    for (const path of ['/calendar', '/settings/users', '/account/security']) {
      await visit(page, path);
      expect(await sweep(path)).toBeGreaterThan(5);
    }
    await page.locator('cc-user-menu button').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: resolve(SHOTS, 'account-menu-item-focused.png') });
    const item = await focusRing(page);
    expect(item && item.style !== 'none' && item.width >= 2).toBe(true);
    await context.close();
    expect(weak).toEqual([]);
  });

  it("keeps the invitation's two-line password error clear of the summary box below it", async () => {
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const invited = await admin.call('POST', '/api/users/invitations', {
      email: 'second.colleague@riverside.example',
      roles: ['viewer'],
    });
    expect(invited.status).toBe(201);
    const invitation = await emailedLink('/accept-invitation', 'second.colleague@riverside.example');
    const { context, page } = await newPage();
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await visit(page, invitation);
      await page.getByLabel('Your name').fill('Second Colleague');
      // Long enough for the form, refused by the api: its message names the rule, over two lines.
      await page.getByLabel('Choose a password').fill('passwordpassword');
      await page.getByRole('button', { name: /^Join / }).click();
      const error = page.locator('mat-error').first();
      await error.waitFor();
      const summary = page.locator('cc-form-error cc-notice');
      await summary.waitFor();
      await settleAnimations(page);
      await page.screenshot({
        path: resolve(SHOTS, `invitation-password-error-${size.width}.png`),
        fullPage: true,
      });
      const [errorBox, summaryBox] = await Promise.all([error.boundingBox(), summary.boundingBox()]);
      if (!errorBox || !summaryBox) throw new Error('the error or the summary is not shown');
      expect(errorBox.height).toBeGreaterThan(20); // two lines at least
      expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(summaryBox.y);
    }
    await context.close();
  });

  // Last: from here on the organisation requires two-step sign-in.
  it('when the organisation requires two-step sign-in: the enrolment at sign-in has no serious or critical violations', async () => {
    const admin = new ApiClient(stack.baseUrl);
    await admin.call('POST', '/api/auth/sign-in', { email: ADMIN, password: PASSWORD });
    const current = await admin.call<Record<string, unknown>>('GET', '/api/organisation/security');
    const saved = await admin.call('PUT', '/api/organisation/security', {
      ...current.body,
      mfaRequired: true,
    });
    expect(saved.status).toBe(200);

    const { context, page } = await newPage();
    const blocking: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await visit(page, '/sign-in');
      await page.getByLabel('Email').fill(MARKETER);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Authentication code').waitFor();
      const result = await check(page, 'mfa-enrolment-sign-in');
      if (result.blocking.length) blocking.push(describeAxe(result));
      await page.getByRole('button', { name: 'Cancel and sign out' }).click();
      await page.getByLabel('Email').waitFor();
    }
    await context.close();
    expect(blocking).toEqual([]);
  });
});
