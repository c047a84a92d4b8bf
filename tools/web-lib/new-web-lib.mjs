#!/usr/bin/env node
// Creates an Angular library of the dashboard under libs/web, wired like the others:
//   node tools/web-lib/new-web-lib.mjs <context>/<data-access|feature-*|ui|util> [--testing]
//   node tools/web-lib/new-web-lib.mjs content/data-access --testing
//   node tools/web-lib/new-web-lib.mjs content/feature-composer
//   node tools/web-lib/new-web-lib.mjs core --type=data-access --testing   (a name without a layer)
// Writes project.json (tags scope:web + type:…), jest.config.js, tsconfig.lib.json,
// tsconfig.spec.json and src/index.ts, and adds `@carecast/web/<path>` (and `…/testing` with
// --testing) to tsconfig.base.json. Lint, typecheck and test targets then run with the rest
// (`npm run lint`, `npm run typecheck`, `npm run test:unit`). Existing files are never overwritten.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const withTesting = args.includes('--testing');
const libPath = args
  .find((a) => !a.startsWith('--'))
  ?.replace(/^libs\/web\//, '')
  .replace(/\/$/, '');

const TYPES = [
  [/(^|\/)data-access$/, 'data-access'],
  [/(^|\/)feature-[a-z0-9-]+$/, 'feature'],
  [/(^|\/)ui$/, 'ui'],
  [/(^|\/)util$/, 'util'],
];
const typeOption = args.find((a) => a.startsWith('--type='))?.slice('--type='.length);
const type = libPath && (typeOption ?? TYPES.find(([pattern]) => pattern.test(libPath))?.[1]);
if (
  !libPath ||
  !/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(libPath) ||
  !['data-access', 'feature', 'ui', 'util'].includes(type)
) {
  console.error(
    'Usage: node tools/web-lib/new-web-lib.mjs <context>/<data-access|feature-<name>|ui|util> [--testing]\n' +
      'The last part of the path names the layer: data-access, feature-<name>, ui or util\n' +
      '(or give it with --type=data-access|feature|ui|util).',
  );
  process.exit(1);
}

const dir = `libs/web/${libPath}`;
const name = `web-${libPath.replaceAll('/', '-')}`;
const toRoot = '../'.repeat(dir.split('/').length);
const toWeb = '../'.repeat(libPath.split('/').length);

const files = {
  'project.json': `${JSON.stringify(
    {
      name,
      $schema: `${toRoot}node_modules/nx/schemas/project-schema.json`,
      sourceRoot: `${dir}/src`,
      projectType: 'library',
      prefix: 'cc',
      tags: ['scope:web', `type:${type}`],
      targets: {
        typecheck: {
          command: `ngc -p ${dir}/tsconfig.lib.json --noEmit && tsc -p ${dir}/tsconfig.spec.json --noEmit`,
        },
        test: { command: `jest -c ${dir}/jest.config.js` },
      },
    },
    null,
    2,
  )}\n`,
  'jest.config.js': `module.exports = require('${toWeb}jest.web')(__dirname, '${name}');\n`,
  'tsconfig.lib.json': `${JSON.stringify(
    {
      extends: `${toWeb}tsconfig.web.json`,
      compilerOptions: { outDir: `${toRoot}dist/out-tsc/${dir}`, types: [] },
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.spec.ts', 'src/testing/**'],
    },
    null,
    2,
  )}\n`,
  'tsconfig.spec.json': `${JSON.stringify(
    {
      extends: `${toWeb}tsconfig.web.json`,
      compilerOptions: { outDir: `${toRoot}dist/out-tsc/${dir}-spec`, types: ['jest', 'node'] },
      files: [`${toWeb}test-setup.ts`],
      include: ['src/**/*.spec.ts', 'src/testing/**/*.ts', 'src/**/*.d.ts'],
    },
    null,
    2,
  )}\n`,
  'src/index.ts': '',
};
if (withTesting) files['src/testing/index.ts'] = '';

for (const [file, text] of Object.entries(files)) {
  const target = path.join(ROOT, dir, file);
  if (existsSync(target)) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`created ${dir}/${file}`);
}

// tsconfig.base.json: add the import paths, keeping the list sorted and the file's layout.
const basePath = path.join(ROOT, 'tsconfig.base.json');
const base = readFileSync(basePath, 'utf8');
const wanted = [[`@carecast/web/${libPath}`, `${dir}/src/index.ts`]];
if (withTesting) wanted.push([`@carecast/web/${libPath}/testing`, `${dir}/src/testing/index.ts`]);
const paths = JSON.parse(base).compilerOptions.paths;
const missing = wanted.filter(([alias]) => !paths[alias]);
if (missing.length) {
  const all = { ...paths, ...Object.fromEntries(missing.map(([alias, file]) => [alias, [file]])) };
  const lines = Object.keys(all)
    .sort()
    .map(
      (alias) => `      ${JSON.stringify(alias)}: [${all[alias].map((p) => JSON.stringify(p)).join(', ')}]`,
    )
    .join(',\n');
  const updated = base.replace(/("paths":\s*\{)[\s\S]*?(\n\s*\})/, `$1\n${lines}$2`);
  writeFileSync(basePath, updated);
  missing.forEach(([alias]) => console.log(`tsconfig.base.json: added ${alias}`));
}
try {
  execFileSync('npx', ['prettier', '--write', '--log-level=warn', dir, 'tsconfig.base.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
} catch {
  console.warn(`Could not run prettier; run: npx prettier --write ${dir} tsconfig.base.json`);
}
console.log(`\n${name} (scope:web, type:${type}) is ready: import it as @carecast/web/${libPath}.`);
