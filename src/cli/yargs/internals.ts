// The parts of yargs outside its public API that the CLI relies on: two of its build files
// (factory.ts builds yargs from them) and its usage instance's cacheHelpMessage (lazy.ts turns
// it off). package.json pins yargs exactly for their sake, and test/unit/cli/yargs.test.ts fails
// when an upgrade moves or reshapes one of them.

/** yargs' entry file: its build files and its dependencies are found from there. */
export const YARGS_ENTRY = import.meta.resolve('yargs');

/** Build files beside the entry, and the function each must export. */
export const PRIVATE_FILES = {
  factory: { path: './build/lib/yargs-factory.js', exports: 'YargsFactory' },
  processArgv: { path: './build/lib/utils/process-argv.js', exports: 'getProcessArgvBin' },
} as const;
