import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AUDIT_ACTION_LABELS } from '@carecast/shared/contracts';

const ROOT = resolve(__dirname, '../../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec|spec-helper)\.ts$/.test(name) ? [path] : [];
  });
}

/** Every action code the server code writes: literals on lines that set an `action`. */
function writtenActions(): Array<{ code: string; where: string }> {
  const found: Array<{ code: string; where: string }> = [];
  const files = [
    ...sources(join(ROOT, 'libs/server')),
    ...sources(join(ROOT, 'apps/api/src')),
    ...sources(join(ROOT, 'apps/worker/src')),
  ];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!/\baction\b\s*[:=]/.test(line)) return;
        for (const m of line.matchAll(/['`]([a-z_]+\.[a-z_]*(\$\{[^}]+\})?)['`]/g)) {
          found.push({ code: m[1], where: `${relative(ROOT, file)}:${i + 1}` });
        }
      });
  }
  return found;
}

describe('the action codes the server writes', () => {
  const written = writtenActions();
  const labelled = Object.keys(AUDIT_ACTION_LABELS);

  it('are found in the source (the scan itself works)', () => {
    expect(written.map((w) => w.code)).toEqual(
      expect.arrayContaining(['auth.signed_in', 'auth.sign_in_failed', 'audit.exported']),
    );
  });

  it('each have plain words for the audit page', () => {
    const missing = written.filter(({ code }) => {
      const template = /^([a-z_]+\.)\$\{/.exec(code);
      return template ? !labelled.some((l) => l.startsWith(template[1])) : !labelled.includes(code);
    });
    expect(missing).toEqual([]);
  });
});
