import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadTestInfraConfig } from '@carecast/server/config';
import { ProductStack } from './stack';

const SHOTS = resolve(__dirname, '../../../tmp/e2e');
const SECTIONS = ['Calendar', 'Review', 'Inbox', 'Channels', 'Audit'];

describe('dashboard shell in Chromium, served by the real api', () => {
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await ProductStack.start();
    browser = await chromium.launch({
      executablePath: loadTestInfraConfig().CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('response', (res) => res.status() >= 400 && failedRequests.push(`${res.status()} ${res.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('loads the shell with the five sections and no console errors', async () => {
    await page.goto(stack.baseUrl + '/', { waitUntil: 'networkidle' });
    await expect(page.title()).resolves.toMatch(/Carecast/);
    const nav = page.getByRole('navigation', { name: /main/i });
    for (const section of SECTIONS) {
      await nav.getByRole('link', { name: section, exact: true }).waitFor();
    }
    await page.screenshot({ path: resolve(SHOTS, 'shell.png') });
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  it('shows a real empty state on every section, reached through the navigation', async () => {
    for (const section of SECTIONS) {
      await page
        .getByRole('navigation', { name: /main/i })
        .getByRole('link', { name: section, exact: true })
        .click();
      await page.waitForURL(new RegExp(`/${section.toLowerCase()}$`));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(section);
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main.length).toBeGreaterThan(section.length + 40);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('shows live health of Postgres, Redis and the worker', async () => {
    await page.goto(stack.baseUrl + '/status', { waitUntil: 'networkidle' });
    const panel = page.getByRole('main');
    await panel
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
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Redis/);
    expect(text).toMatch(/Worker/);
    expect(text).not.toMatch(/Cannot reach/);
    await page.screenshot({ path: resolve(SHOTS, 'status.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('renders at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(stack.baseUrl + '/calendar', { waitUntil: 'networkidle' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: resolve(SHOTS, 'phone.png') });
  });

  it('stops gracefully on SIGTERM: both processes exit 0', async () => {
    const { api, worker } = await stack.stop();
    expect(api.code).toBe(0);
    expect(worker.code).toBe(0);
  });
});
