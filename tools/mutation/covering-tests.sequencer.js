// Test sequencer for mutation runs (jest.mutation.config.js). Stryker runs, for each mutant,
// only the tests that cover it, by name (`testNamePattern`); Jest would still load every test
// file related to the mutated file (through the libraries' index files: nearly all of them)
// just to find out that none of its tests match, seconds per mutant. The first, unfiltered run
// records which test names each file holds; later runs with a name pattern keep only the files
// holding a matching test. A file not seen in the first run is always kept.
//
// A "static" mutant (in code that runs when the module loads: constants, tables) has no
// covering tests, so Stryker runs every related test file for it. Those runs keep only the test
// files of the mutated file's own project (library or app): its constants must be pinned by its
// own tests. Either filter can only leave a mutant alive that another file's test would have
// killed, never the other way round: the score can come out lower than it is, never higher.
// Outside Stryker this sorts like Jest's own sequencer.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

class CoveringTestsSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
    // Stryker's jest runner marks the configuration it runs with; its sandbox is the root.
    this.active = options.contexts.some((c) => c.config.globals?.__strykerGlobalNamespace__);
    this.namesFile = path.join(this.globalConfig.rootDir, '.stryker-test-names.json');
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    const pattern = this.globalConfig.testNamePattern;
    if (!this.active || !existsSync(this.namesFile)) return sorted;
    if (!pattern) {
      const mutated = this.globalConfig.findRelatedTests ? this.globalConfig.nonFlagArgs : [];
      if (mutated.length !== 1) return sorted;
      const project = projectRoot(mutated[0]);
      return project ? sorted.filter((test) => test.path.startsWith(project)) : sorted;
    }
    const names = JSON.parse(readFileSync(this.namesFile, 'utf8'));
    const matches = new RegExp(pattern, 'i');
    return sorted.filter((test) => !names[test.path] || names[test.path].some((name) => matches.test(name)));
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (!this.active || this.globalConfig.testNamePattern) return;
    const names = existsSync(this.namesFile) ? JSON.parse(readFileSync(this.namesFile, 'utf8')) : {};
    for (const file of results.testResults) {
      if (file.testExecError) continue;
      names[file.testFilePath] = file.testResults.map((t) => t.fullName);
    }
    writeFileSync(this.namesFile, JSON.stringify(names));
  }
}

/** `/…/libs/server/audit/` for `/…/libs/server/audit/src/lib/audit-hash.ts`. */
function projectRoot(file) {
  const at = path.resolve(file).lastIndexOf(`${path.sep}src${path.sep}`);
  return at < 0 ? null : path.resolve(file).slice(0, at + 1);
}

module.exports = CoveringTestsSequencer;
