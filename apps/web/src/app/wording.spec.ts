import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One name for one thing across the dashboard, and one order for action buttons. Reads the
 * templates and code of every component (not the tests), without their comments: the shell's and
 * those of every library under libs/web.
 */
const WORKSPACE = join(__dirname, '../../../..');
const ROOTS = [__dirname, join(WORKSPACE, 'libs/web')];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !/\.spec\.ts$|spec-helper|testing/.test(path) ? [path] : [];
  });
}

const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const FILES = ROOTS.flatMap(sources).map((path) => ({
  path: relative(WORKSPACE, path),
  text: withoutComments(readFileSync(path, 'utf8')),
}));

describe('wording of the dashboard', () => {
  it('reads its own files', () => {
    expect(FILES.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'apps/web/src/app/app.html',
        'apps/web/src/app/layout/user-menu.ts',
        'libs/web/identity/feature-auth/src/lib/account/account-security-page.ts',
      ]),
    );
  });

  /** The personal page is "Your account security", the organisation's "Organisation security", the feature "two-step sign-in". */
  it.each<[string, RegExp]>([
    ['Security settings', /security settings/i],
    ['Your sign-in and sessions', /sign-in and sessions/i],
    ['a bare "Security" as a name', /(>|')\s*Security\s*(<|')/],
    ['multi-factor', /multi-?factor/i],
    ['MFA', /\bMFA\b/],
    ['two-factor / 2FA', /two-factor|\b2FA\b/i],
  ])('no longer says %s', (_name, pattern) => {
    const found = FILES.filter((f) => pattern.test(f.text)).map(
      (f) => `${f.path}: ${pattern.exec(f.text)?.[0]}`,
    );
    expect(found).toEqual([]);
  });

  it('names the pages and the feature with the words chosen', () => {
    const all = FILES.map((f) => f.text).join('\n');
    expect(all).toContain("title: 'Your account security'");
    expect(all).toContain("title: 'Organisation security'");
    expect(all).toMatch(/Require two-step sign-in for everyone/);
  });

  /**
   * In every row of actions (a dialog's, or a form's `…actions` row), the dismissing button comes
   * first and the confirming one last: Angular Material's dialog order, everywhere.
   */
  it('puts the dismissing button before the confirming one in every row of actions', () => {
    const DISMISS = /^(Cancel|Close|Keep it on|Not now|Back)$/;
    const rows: Array<{ path: string; labels: string[] }> = [];
    for (const file of FILES) {
      const open = /<mat-dialog-actions\b[^>]*>|<div\b[^>]*class="[^"]*actions[^"]*"[^>]*>/g;
      for (let m = open.exec(file.text); m; m = open.exec(file.text)) {
        const body = block(
          file.text,
          m.index + m[0].length,
          m[0].startsWith('<mat-dialog-actions') ? 'mat-dialog-actions' : 'div',
        );
        const labels = [...body.matchAll(/<(button|a)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((b) =>
          b[2]
            .replace(/<[^>]+>/g, '')
            .replace(/\s+/g, ' ')
            .trim(),
        );
        if (labels.length > 1) rows.push({ path: file.path, labels });
      }
    }
    expect(rows.length).toBeGreaterThan(3);
    const wrong = rows.filter((r) => r.labels.some((l, i) => DISMISS.test(l) && i > 0));
    expect(wrong).toEqual([]);
  });
});

/** The text from `start` to the tag that closes the one opened just before it. */
function block(text: string, start: number, tag: string): string {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  tags.lastIndex = start;
  let depth = 1;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return text.slice(start, m.index);
  }
  return text.slice(start);
}
