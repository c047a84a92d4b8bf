import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * What the browser downloads before the first page shows. The build splits code by file: every
 * file the shell reaches through static imports (a barrel's `export *` included) lands in the first
 * download together with whatever the lazy pages use of it. So the shell imports only what it
 * shows, through narrow entry points (`@carecast/web/ui/icon`, not the whole kit with its dialogs),
 * and the pages' heavy parts stay with the pages.
 */
const WORKSPACE = join(__dirname, '../../../..');
const PATHS: Record<string, string[]> = JSON.parse(
  readFileSync(join(WORKSPACE, 'tsconfig.base.json'), 'utf8'),
).compilerOptions.paths;

function resolveFile(from: string, specifier: string): string | null {
  const base = specifier.startsWith('.')
    ? resolve(dirname(from), specifier)
    : PATHS[specifier]
      ? join(WORKSPACE, PATHS[specifier][0])
      : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${relative(WORKSPACE, from)}`);
}

/** The modules a file imports for its code (not types, not `import()`). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause && !clause.name && bindings && ts.isNamedImports(bindings)
          ? bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
          : false;
      if (!onlyTypes) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every source file and package the shell reaches from `main.ts` through static imports. */
function firstDownload(): { files: string[]; packages: string[] } {
  const start = join(WORKSPACE, 'apps/web/src/main.ts');
  const files = new Set([start]);
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift() as string;
    for (const specifier of staticImports(file)) {
      const target = resolveFile(file, specifier);
      if (target === null) packages.add(specifier);
      else if (!files.has(target)) {
        files.add(target);
        queue.push(target);
      }
    }
  }
  return { files: [...files].map((f) => relative(WORKSPACE, f)), packages: [...packages] };
}

describe('the first download of the dashboard', () => {
  const { files, packages } = firstDownload();

  it('is read from the shell outwards', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'apps/web/src/app/app.ts',
        'apps/web/src/app/layout/main-nav.ts',
        'libs/web/notifications/feature-bell/src/lib/notification-bell.ts',
        'libs/web/ui/src/lib/icon/icon.ts',
      ]),
    );
  });

  it("takes the icon from its own entry point, not the whole UI kit with the pages' dialogs", () => {
    expect(files).not.toContain('libs/web/ui/src/index.ts');
    expect(files.filter((f) => /confirm-dialog|session-list/.test(f))).toEqual([]);
    expect(packages).not.toContain('@angular/material/dialog');
  });

  it("leaves the pages' libraries, the compliance checks and X's counter to the pages", () => {
    const features = files.filter((f) => /^libs\/web\/[^/]+\/feature-/.test(f));
    expect(features.every((f) => f.startsWith('libs/web/notifications/feature-bell/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('libs/shared/compliance/'))).toEqual([]);
    expect(
      packages.filter((p) => /twitter-text|sanitize-html|@carecast\/shared\/compliance/.test(p)),
    ).toEqual([]);
  });
});
