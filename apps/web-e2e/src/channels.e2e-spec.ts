import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SandboxProcess } from '@carecast/server/testing';
import { describeAxe, runAxe } from './axe';
import { launchChromium } from './chromium';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e');

/**
 * Connecting channels as an administrator would, in Chromium: through X's and Facebook's sign-in
 * pages (played by the sandbox, a real process) and back, and the Carecast blog in one click.
 */
describe('Channels in Chromium, connected through the platform sandbox', () => {
  let sandbox: SandboxProcess;
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  /** A picture of the page and, on the product's own pages, axe's verdict: no serious or critical violation. */
  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
    if (!page.url().startsWith(stack.baseUrl)) return; // the platform's (sandbox's) own pages
    const axe = await runAxe(page, name);
    expect(axe.blocking.length ? describeAxe(axe) : 'no serious or critical violations').toBe(
      'no serious or critical violations',
    );
  }
  const notice = () => page.locator('cc-notice').first();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await SandboxProcess.start();
    stack = await ProductStack.start((baseUrl) => ({
      PUBLIC_URL: baseUrl,
      X_API_BASE_URL: sandbox.url,
      FACEBOOK_GRAPH_BASE_URL: `${sandbox.url}/graph/v24.0`,
      X_CLIENT_ID: 'carecast-e2e-client',
      X_CLIENT_SECRET: 'carecast-e2e-secret',
      X_OAUTH_AUTHORIZE_URL: `${sandbox.url}/i/oauth2/authorize`,
      FACEBOOK_APP_ID: '100000000000009',
      FACEBOOK_APP_SECRET: 'carecast-e2e-app-secret',
      FACEBOOK_OAUTH_DIALOG_URL: `${sandbox.url}/facebook/v24.0/dialog/oauth`,
    }));
    await sandbox.control('/_sandbox/x/oauth/clients', {
      clientId: 'carecast-e2e-client',
      clientSecret: 'carecast-e2e-secret',
    });
    await sandbox.control('/_sandbox/x/accounts', {
      username: 'riversidefm',
      name: 'Riverside Family Medicine',
    });
    const owner = await sandbox.control<{ userToken: string }>('/_sandbox/facebook/pages', {
      name: 'Riverside Family Medicine',
    });
    await sandbox.control('/_sandbox/facebook/pages', {
      name: 'Riverside Foundation',
      tasks: ['ANALYZE'],
      userToken: owner.userToken,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('response', (res) => res.status() >= 400 && failedRequests.push(`${res.status()} ${res.url()}`));
    await page.goto(`${stack.baseUrl}/channels`);
    await page.getByLabel('Email').fill('admin@riverside.example');
    await page.getByLabel('Password').fill('Riverside-Demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/channels$/);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
    await sandbox?.stop();
  });

  async function startConnecting(kind: string): Promise<void> {
    await page.getByRole('button', { name: 'Connect a channel' }).first().click();
    await page.getByRole('group', { name: 'Kind of channel' }).getByRole('button', { name: kind }).click();
  }

  it('connects X through its sign-in page and comes back to the Channels page', async () => {
    await startConnecting('X account');
    await shot('channels-connect-x');
    await page.getByRole('button', { name: 'Continue to X' }).click();
    await page.waitForURL((url) => url.pathname === '/i/oauth2/authorize');
    await page.getByLabel('Sign in as').selectOption({ label: '@riversidefm (Riverside Family Medicine)' });
    await shot('sandbox-x-consent');
    await page.getByRole('button', { name: 'Authorize app' }).click();
    await page.waitForURL((url) => url.origin === stack.baseUrl && url.pathname === '/channels');
    await notice().getByText('Connected @riversidefm.').waitFor();
    await page.getByRole('heading', { name: '@riversidefm', level: 2 }).waitFor();
    expect(page.url()).toBe(`${stack.baseUrl}/channels`);
  });

  it('connects the Facebook Pages chosen after Facebook Login, refusing one the role cannot post to', async () => {
    await startConnecting('Facebook Page');
    await page.getByRole('button', { name: 'Continue to Facebook' }).click();
    await page.waitForURL((url) => url.pathname === '/facebook/v24.0/dialog/oauth');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Choose the Pages to connect' }).waitFor();
    const foundation = page.getByRole('checkbox', { name: 'Riverside Foundation' });
    await expect(foundation.isDisabled()).resolves.toBe(true);
    await page.getByText('does not allow creating posts').waitFor();
    await shot('channels-choose-pages');
    await page.getByRole('button', { name: 'Connect selected' }).click();
    await notice().getByText('Connected Riverside Family Medicine.').waitFor();
    await page.getByRole('heading', { name: 'Riverside Family Medicine', level: 2 }).waitFor();
  });

  it('creates the Carecast blog in one click and links to it', async () => {
    await startConnecting('Carecast blog');
    await page.getByRole('button', { name: 'Create the blog' }).click();
    const link = page.getByRole('link', { name: 'View the blog' });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe('/blog/riverside-family-medicine/');
    await shot('channels-connected');
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("serves the practice's blog to visitors, with its feeds", async () => {
    const visitor = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await visitor.goto(`${stack.baseUrl}/blog/riverside-family-medicine/`);
    await visitor.getByRole('heading', { level: 1, name: 'Riverside Family Medicine blog' }).waitFor();
    await visitor.getByText('No posts yet').waitFor();
    await expect(visitor.locator('link[rel="alternate"][type="application/rss+xml"]').count()).resolves.toBe(
      1,
    );
    const rss = await visitor.request.get(`${stack.baseUrl}/blog/riverside-family-medicine/feed.xml`);
    expect(rss.status()).toBe(200);
    expect(rss.headers()['content-type']).toContain('xml');
    await visitor.screenshot({ path: resolve(SHOTS, 'blog-phone.png'), fullPage: true });
    const axe = await runAxe(visitor, 'blog');
    expect(axe.blocking.length ? describeAxe(axe) : 'no serious or critical violations').toBe(
      'no serious or critical violations',
    );
    await visitor.close();
  });
});
