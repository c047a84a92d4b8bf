// Mutation testing of the security-critical code (`npm run test:mutation`, not part of `npm test`).
// Stryker changes one thing at a time in the files below (a `>` becomes `>=`, a check is
// removed, a string emptied...) and runs the tests that cover that line: a change no test
// notices ("survived") is a refusal or a limit the suite does not really prove.
// Tests: jest.mutation.config.js. Report: reports/mutation/ (mutation.json, mutation.html);
// tools/mutation/score.mjs prints the figure.
import { readFileSync } from 'node:fs';

/**
 * `file:first-last` for the block that starts on the first line matching `start` (its braces
 * balanced), or, with `through`, up to the end of the block holding the last line matching
 * `through` inside it. Looked up on each run, so the ranges follow edits of the files.
 */
function block(file, start, through) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((l) => start.test(l));
  if (first < 0) throw new Error(`stryker.config.mjs: ${start} not found in ${file}`);
  let depth = 0;
  let opened = false;
  let last = first;
  for (let i = first; i < lines.length; i++) {
    for (const ch of lines[i]) {
      if (ch === '{') {
        depth++;
        opened = true;
      }
      if (ch === '}') depth--;
    }
    last = i;
    if (opened && depth <= 0) break;
  }
  if (through) {
    let hit = -1;
    for (let i = first; i <= last; i++) if (through.test(lines[i])) hit = i;
    if (hit < 0) throw new Error(`stryker.config.mjs: ${through} not found in ${file}`);
    // The end of the statement holding the last hit: the next line that only closes a block.
    let end = hit;
    while (end < last && !/^\s*}\s*$/.test(lines[end])) end++;
    last = end;
  }
  return `${file}:${first + 1}-${last + 1}`;
}

const channels = 'libs/server/channels/src/lib';
const audit = 'libs/server/audit/src/lib/audit.service.ts';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  // Only the tests that reach a mutant run for it.
  coverageAnalysis: 'perTest',
  mutate: [
    // Who may do what: the guard (session, CSRF, MFA stage, permission) and the role table.
    'apps/api/src/app/identity/auth.guard.ts',
    'apps/api/src/app/identity/access.ts',
    'libs/shared/contracts/src/lib/permissions.ts',
    // Sessions (idle and absolute timeouts, revocation) and multi-factor sign-in.
    'libs/server/identity/src/lib/session.service.ts',
    'libs/server/identity/src/lib/mfa.service.ts',
    // The audit chain: entry hashes, the keyed signer, and the verification of the chain
    // against itself and against the signed checkpoints.
    'libs/server/audit/src/lib/audit-hash.ts',
    'libs/server/audit/src/lib/audit-signer.ts',
    block(audit, /^\s*async verify\(/),
    block(audit, /^\s*async checkpoint\(/),
    block(audit, /^\s*private async signedCheckpoints\(/),
    block(audit, /^\s*private brokenBecause\(/),
    block(audit, /^function fieldsOf\(/),
    block(audit, /^function differsFromCheckpoint\(/),
    // Webhook signatures.
    block(`${channels}/adapters/facebook/facebook-webhook.ts`, /^export function verifyFacebookSignature\(/),
    block(`${channels}/adapters/facebook/facebook-webhook.ts`, /^export function sameVerifyToken\(/),
    // Secrets at rest: the cipher, and platform tokens bound to their channel.
    'libs/server/core/src/lib/secret-box.ts',
    `${channels}/channel-credentials.service.ts`,
    // Every channel query scoped by organisation (SQL: reached by its integration spec).
    `${channels}/channel.repository.ts`,
    // What the platforms refuse, checked before anything is sent.
    block(`${channels}/adapters/x/x.adapter.ts`, /^\s*static weightedLength\(/),
    block(`${channels}/adapters/x/x.adapter.ts`, /^\s*async publish\(/, /InvalidContentError/),
    block(`${channels}/adapters/facebook/facebook.adapter.ts`, /^\s*async publish\(/, /InvalidContentError/),
    block(
      `${channels}/adapters/wordpress/wordpress.adapter.ts`,
      /^\s*async publish\(/,
      /InvalidContentError/,
    ),
  ],
  concurrency: 2,
  // A mutant that makes a test loop or wait counts as killed ("timeout").
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, logTests: false },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // The sandbox copy needs only the server code, its tests and the configs.
  ignorePatterns: [
    'dist',
    'tmp',
    'coverage',
    'reports',
    '.data',
    '.nx',
    '.angular',
    'apps/web',
    'apps/web-e2e',
    'libs/web',
  ],
};
