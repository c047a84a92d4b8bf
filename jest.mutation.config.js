// The tests Stryker runs against mutants of the security-critical code (stryker.config.mjs):
// the unit specs of those files, and the integration specs that call them directly on real
// PostgreSQL (each creates and drops its own database). The HTTP-level integration specs are
// left out: every request passes the guard and the session service, so each mutant of those
// would rerun the whole integration suite; unit specs of the guard and the services cover them.
const { preset } = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'mutation',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/apps/api/src/app/**/*.spec.ts',
    '<rootDir>/libs/shared/contracts/src/**/*.spec.ts',
    '<rootDir>/libs/server/{core,identity,audit,channels}/src/**/*.spec.ts',
    '<rootDir>/libs/server/{identity,audit,channels}/src/**/*.int-spec.ts',
    '<rootDir>/apps/sandbox/src/contract/{x,facebook,wordpress}-adapter.contract.spec.ts',
  ],
  testTimeout: 30_000,
  // Under Stryker, only the files holding a covering test are loaded for a mutant.
  testSequencer: '<rootDir>/tools/mutation/covering-tests.sequencer.js',
};
