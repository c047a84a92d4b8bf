import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

/** Impacts a page may not have at all. */
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

export interface AxeFinding {
  rule: string;
  impact: ImpactValue | null | undefined;
  help: string;
  /** CSS selectors of the offending elements (a few). */
  targets: string[];
}

export interface AxePageResult {
  page: string;
  url: string;
  width: number;
  /** Serious and critical violations: must be none. */
  blocking: AxeFinding[];
  /** Moderate and minor ones, reported only. */
  other: AxeFinding[];
}

let axeSource: string | undefined;

/** Waits for the animations that end (a dialog opening, a panel closing, an error sliding in). */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Runs axe-core (from node_modules, never fetched) on what the page shows once its animations
 * ended. The page should have loaded its data first. axe is evaluated in the page rather than added as a
 * script tag: the product's Content-Security-Policy (script-src 'self') rightly refuses inline
 * scripts, and the check must not weaken it.
 */
export async function runAxe(page: Page, name: string): Promise<AxePageResult> {
  await settleAnimations(page);
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) {
    axeSource ??= readFileSync(require.resolve('axe-core'), 'utf8');
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run: (o: object) => Promise<AxeResults> } }).axe.run({
        resultTypes: ['violations'],
      }) as Promise<AxeResults>,
  );
  const findings = results.violations.map<AxeFinding>((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  return {
    page: name,
    url: page.url(),
    width: page.viewportSize()?.width ?? 0,
    blocking: findings.filter((f) => f.impact && BLOCKING.includes(f.impact)),
    other: findings.filter((f) => !f.impact || !BLOCKING.includes(f.impact)),
  };
}

/** One line per page for the test log: "sign-in @1280: 0 serious/critical, 1 other (region)". */
export function describeAxe(result: AxePageResult): string {
  const list = (fs: AxeFinding[]) => fs.map((f) => `${f.rule} [${f.targets.join(', ')}]`).join('; ');
  return (
    `${result.page} @${result.width}: ${result.blocking.length} serious/critical` +
    (result.blocking.length ? ` (${list(result.blocking)})` : '') +
    `, ${result.other.length} other` +
    (result.other.length ? ` (${list(result.other)})` : '')
  );
}
