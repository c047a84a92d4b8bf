// The tests Stryker runs against mutants of the security-critical code (stryker.config.mjs):
// the specs of those files, and the integration spec of the channel repository (its SQL) on real
// PostgreSQL (it creates and drops its own database). The HTTP-level integration specs and
// the platform contract suites are left out: every request passes the guard and the session
// service, so each mutant would rerun the whole integration suite; unit specs of the guard, the
// services and the adapters' limits cover that code and keep the run within minutes.
const { preset } = require('./jest.preset');

const specs = [
  // who may do what
  'apps/api/src/app/identity/auth.guard.spec.ts',
  'apps/api/src/app/identity/access.spec.ts',
  'libs/shared/contracts/src/lib/permissions.spec.ts',
  // sessions and multi-factor sign-in
  'libs/server/identity/src/lib/session.service.spec.ts',
  'libs/server/identity/src/lib/session-stage.spec.ts',
  'libs/server/identity/src/lib/mfa.service.spec.ts',
  // the audit chain
  'libs/server/audit/src/lib/*.spec.ts',
  // webhook signatures, secrets at rest, channel scoping, content limits
  'libs/server/channels/src/lib/adapters/facebook/facebook-webhook.spec.ts',
  'libs/server/core/src/lib/secret-box.spec.ts',
  'libs/server/channels/src/lib/channel-credentials*.spec.ts',
  'libs/server/channels/src/lib/channel.repository.int-spec.ts',
  'libs/server/channels/src/lib/adapters/content-limits.spec.ts',
];

module.exports = {
  ...preset,
  displayName: 'mutation',
  rootDir: __dirname,
  testMatch: specs.map((spec) => `<rootDir>/${spec}`),
  testTimeout: 30_000,
  // Under Stryker, only the files holding a covering test are loaded for a mutant.
  testSequencer: '<rootDir>/tools/mutation/covering-tests.sequencer.js',
};
