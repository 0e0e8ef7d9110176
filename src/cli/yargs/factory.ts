// yargs, built from its own factory with a Node platform like the one its entry (index.mjs)
// gives it, except that cliui and string-width are loaded when first used. Only rendering help
// or a usage error uses them, and loading them costs ~0.1 s at every start (string-width builds
// an Intl.Segmenter and Unicode-property regular expressions, cliui three more copies of it, and
// the east-asian-width tables): time `run` spends before it can fork its nodes. Parsing, checks
// and every rendered text are yargs' own, so help and errors read byte for byte as before.
import { notStrictEqual, strictEqual } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import type { Argv } from 'yargs';
import { PRIVATE_FILES, YARGS_ENTRY as ENTRY } from './internals.js';

/** require() as yargs' own files resolve (its nested string-width, not ours). */
const fromYargs = createRequire(ENTRY);

type Factory = (platform: object) => (args: string[]) => Argv;
type ArgvBin = () => string | undefined;

const [{ YargsFactory }, { getProcessArgvBin }, { default: Parser }] = (await Promise.all([
  import(new URL(PRIVATE_FILES.factory.path, ENTRY).href),
  import(new URL(PRIVATE_FILES.processArgv.path, ENTRY).href),
  import(fromYargs.resolve('yargs-parser')),
])) as [{ YargsFactory: Factory }, { getProcessArgvBin: ArgvBin }, { default: unknown }];

const escalade = fromYargs('escalade/sync') as (...args: unknown[]) => unknown;
const getCallerFile = fromYargs('get-caller-file') as (position?: number) => string;
const y18n = fromYargs('y18n') as (options: object) => unknown;

/**
 * A module's function, loaded on first call and then kept: its default export, or what
 * require() gives when the module names its own `module.exports` (as cliui does).
 */
function onFirstUse<F extends (...args: never[]) => unknown>(name: string): F {
  let loaded: F | undefined;
  return ((...args: Parameters<F>) => {
    if (!loaded) {
      const m = fromYargs(name) as F | { default: F };
      loaded = typeof m === 'function' ? m : m.default;
    }
    return loaded(...args);
  }) as F;
}

// Where yargs' entry looks for the program's package.json (from yargs' own location).
const here = fileURLToPath(ENTRY);
const mainFilename = here.substring(0, here.lastIndexOf('node_modules'));

/** What yargs needs of the platform, as its Node entry provides it. */
const platform = {
  assert: { notStrictEqual, strictEqual },
  cliui: onFirstUse('cliui'),
  findUp: escalade,
  getEnv: (key: string) => process.env[key],
  inspect,
  getProcessArgvBin,
  mainFilename: mainFilename || process.cwd(),
  Parser,
  path: { basename, dirname, extname, relative, resolve, join },
  process: {
    argv: () => process.argv,
    cwd: process.cwd,
    emitWarning: (warning: string, type?: string) => process.emitWarning(warning, type),
    execPath: () => process.execPath,
    exit: (code: number) => process.exit(code),
    nextTick: process.nextTick,
    stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null,
  },
  readFileSync,
  readdirSync,
  require: fromYargs,
  getCallerFile: () => {
    const caller = getCallerFile(3);
    return caller.startsWith('file://') ? fileURLToPath(caller) : caller;
  },
  stringWidth: onFirstUse('string-width'),
  y18n: y18n({ directory: fileURLToPath(new URL('./locales', ENTRY)), updateFiles: false }),
};

/** A yargs instance over args, as `import yargs from 'yargs'` would give. */
export const yargs: (args: string[]) => Argv = YargsFactory(platform);
