// Help and usage errors, byte for byte: the CLI registers its commands without loading their
// handlers, and what a user reads (--help, "did you mean", a missing argument) must not change.
// The snapshots are the output of the CLI that loaded every command at start; after a deliberate
// change of a help text, write them again with AE_DEMO_WRITE_SNAPSHOTS=1.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { cli, COMMANDS } from '../helpers/cli.js';

const DIR = new URL('../../../test/integration/help-snapshots/', import.meta.url);
/** Each case: its snapshot's name and the arguments. */
const CASES: [string, string[]][] = [
  ['help', ['--help']],
  ['no-command', []],
  ['version', ['--version']],
  ['typo', ['rnu']],
  ['unknown-flag', ['run', '--bogus']],
  ['missing-key', ['inspect']],
  ['bad-nodes', ['run', '--nodes', '1']],
  ...COMMANDS.map((c): [string, string[]] => [`${c}-help`, [c, '--help']]),
];
/** CLI processes at a time: each is a full Node start, and the machine has two cores. */
const AT_ONCE = 2;

/** One text with the exit code, stdout and stderr, so a snapshot shows all a user sees. */
async function observed(args: string[]): Promise<string> {
  const r = await cli(args);
  return `exit ${r.exitCode}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`;
}

describe('help and usage errors', () => {
  it('every command’s --help, the overview and the usage errors match their snapshots', async () => {
    const queue = [...CASES];
    const failures: string[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, args] = next;
        const file = new URL(`${name}.txt`, DIR);
        const text = await observed(args);
        if (process.env.AE_DEMO_WRITE_SNAPSHOTS === '1') await writeFile(file, text);
        else if (text !== (await readFile(file, 'utf8')))
          failures.push(`ae-demo ${args.join(' ')} differs from ${name}.txt:\n${text}`);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    assert.deepEqual(failures, []);
  });
});
