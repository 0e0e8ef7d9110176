// The CLI builds yargs from files outside yargs' public API (src/cli/yargs/internals.ts): this
// fails when an upgrade moves or reshapes one of them, and when package.json stops pinning the
// version they were read from.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import publicYargs from 'yargs';
import type { Argv } from 'yargs';
import { yargs } from '../../../src/cli/yargs/factory.js';
import { PRIVATE_FILES, YARGS_ENTRY } from '../../../src/cli/yargs/internals.js';
import { skipHelpCache } from '../../../src/cli/yargs/lazy.js';

const ROOT = new URL('../../../../', import.meta.url);
const json = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, any>;

/** yargs' usage instance, as lazy.ts reaches it. */
type Usage = { cacheHelpMessage?: unknown; hasCachedHelpMessage?: () => boolean };
const usageOf = (y: Argv) =>
  (y as unknown as { getInternalMethods(): { getUsageInstance(): Usage } })
    .getInternalMethods()
    .getUsageInstance();

/** A command line with one command run to its end, and what yargs kept of its help. */
async function helpCachedAfterRun(skip: boolean): Promise<boolean> {
  const y = yargs(['go', '--n', '2']);
  if (skip) skipHelpCache(y);
  await y
    .command(
      'go',
      'a command',
      (b) => b.option('n', { type: 'number' }),
      () => undefined,
    )
    .parseAsync();
  return usageOf(y).hasCachedHelpMessage!();
}

describe('the yargs internals the CLI relies on', () => {
  it('package.json and its lock pin yargs exactly, at the version installed', () => {
    const pinned = json(new URL('package.json', ROOT)).dependencies.yargs as string;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version, not a range');
    const lock = json(new URL('package-lock.json', ROOT)).packages;
    assert.equal(lock[''].dependencies.yargs, pinned);
    assert.equal(lock['node_modules/yargs'].version, pinned);
    assert.equal(json(new URL('./package.json', YARGS_ENTRY)).version, pinned);
  });

  it('each private build file is where the factory imports it, with its function', async () => {
    for (const { path, exports } of Object.values(PRIVATE_FILES)) {
      const url = new URL(path, YARGS_ENTRY);
      assert.ok(existsSync(fileURLToPath(url)), `yargs has no ${path} any more`);
      const module = (await import(url.href)) as Record<string, unknown>;
      assert.equal(typeof module[exports], 'function', `${path} no longer exports ${exports}`);
    }
  });

  it('yargs built from its factory parses and renders help as the public entry does', async () => {
    const build = (y: Argv) =>
      y
        .scriptName('ae-demo')
        .command('go <key>', 'a command', (b) => b.positional('key', { type: 'string' }))
        .option('nodes', { type: 'number', default: 3, describe: 'How many nodes' })
        .wrap(80);
    const ours = build(yargs(['go', 'k', '--nodes', '5']));
    const theirs = build(publicYargs(['go', 'k', '--nodes', '5']));
    assert.deepEqual(await ours.parseAsync(), await theirs.parseAsync());
    assert.equal(await ours.getHelp(), await theirs.getHelp());
  });

  it('the usage instance caches help after a command, and skipHelpCache stops it', async () => {
    assert.equal(typeof usageOf(yargs([])).cacheHelpMessage, 'function');
    assert.equal(await helpCachedAfterRun(false), true);
    assert.equal(await helpCachedAfterRun(true), false);
  });
});
