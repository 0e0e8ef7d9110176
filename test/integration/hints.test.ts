// Advice that works: every hint a command prints names flags that command has (or, when it
// quotes another command, flags of that one). Each situation below makes a command give advice;
// its flags are read from the command's own --help.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { tryCommands } from '../../src/format.js';
import { cli, COMMANDS } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

/** A flag as written in prose: --name, not part of a longer word. */
const FLAG = /(?<![\w-])--([a-z][a-z-]*)/g;
/** "ae-demo CMD …" quoted inside a hint: the words up to the end of the quoted command. */
const QUOTED = /ae-demo ([a-z]+)((?: +[^\s;"]+)*)/g;

/** Every flag of every command, as its --help lists them (--no-X is X). */
async function flagsOfEveryCommand(): Promise<Map<string, Set<string>>> {
  const table = new Map<string, Set<string>>();
  // '': ae-demo itself, for advice given before any command is known.
  for (const command of ['', ...COMMANDS]) {
    const { stdout } = await cli(command ? [command, '--help'] : ['--help']);
    const options = stdout.slice(stdout.indexOf('Options:'), stdout.indexOf('Examples:'));
    assert.ok(options.length > 0, `${command} --help lists its options`);
    table.set(command, new Set([...options.matchAll(FLAG)].map((m) => m[1]!.replace(/^no-/, ''))));
  }
  return table;
}

/** Flags `text` names that `command` lacks, checking a quoted "ae-demo other …" against other. */
function strangers(text: string, command: string, flags: Map<string, Set<string>>): string[] {
  const wrong: string[] = [];
  const check = (words: string, owner: string) => {
    for (const m of words.matchAll(FLAG))
      if (!flags.get(owner)?.has(m[1]!.replace(/^no-/, ''))) wrong.push(`${owner}: --${m[1]}`);
  };
  const rest = text.replace(QUOTED, (whole, other: string, words: string) => {
    if (flags.has(other)) check(words, other);
    return ' ';
  });
  check(rest, command);
  return wrong;
}

/** A port something else holds while the tests run. */
let busy: net.Server;
let busyPort = 0;
/** A port nothing listens on. */
let deadPort = 0;
let flags: Map<string, Set<string>>;

before(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
  deadPort = await freeBasePort(1);
  flags = await flagsOfEveryCommand();
});

after(() => busy.close());

describe('every hint names flags its command has', () => {
  it('situations that make each command give advice', async () => {
    const base = await freeBasePort(3);
    const dead = `127.0.0.1:${deadPort}`;
    const situations: string[][] = [
      ['put', 'user:alice', 'v', '--node', dead],
      ['del', 'user:alice', '--node', dead],
      ['trigger', '--node', dead],
      ['inspect', 'user:alice', '--nodes', dead],
      ['diff', '--nodes', dead],
      ['run', '--web', '--web-port', String(base + 1), '--base-port', String(base)],
      ['cluster', '--web', '--web-port', String(base), '--base-port', String(base)],
      ['run', '--keys', '0', '--base-port', String(busyPort)],
      ['cluster', '--base-port', String(busyPort)],
      ['chaos', '--ops', '1', '--base-port', String(busyPort)],
      ['run', '--keys', '0', '--web', '--web-port', String(busyPort), '--base-port', String(base)],
      ['cluster', '--web', '--web-port', String(busyPort), '--base-port', String(base)],
      ['run', '--web-port', String(busyPort)],
      ['run', '--scenario', 'crash', '--nodes', '2'],
      ['run', '--report', '/nonexistent-folder/run.html'],
      ['node'],
      ['simulate', '--given', '/nonexistent-folder/seed.json'],
      ['simulate', '--partition', 'soon'],
      ['inspect'],
      ['nonsense'],
    ];
    const wrong: string[] = [];
    for (const args of situations) {
      const r = await cli(args, { timeoutMs: 30_000 });
      assert.notEqual(r.exitCode, 0, `${args.join(' ')} gives advice, not success`);
      const command = COMMANDS.find((c) => c === args[0]) ?? '';
      for (const w of strangers(`${r.stdout}\n${r.stderr}`, command, flags))
        wrong.push(`ae-demo ${args.join(' ')} -> ${w}\n  ${r.stderr.trim()}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('a live page on a node port names --web-port, not only --base-port', async () => {
    const base = await freeBasePort(3);
    for (const command of ['run', 'cluster']) {
      const r = await cli([
        command,
        '--web',
        '--web-port',
        String(base),
        '--base-port',
        String(base),
      ]);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, /--web-port \d+ is one of the nodes' ports/);
    }
  });

  it('the commands cluster and run --keep suggest exist, with those flags', () => {
    const wrong = tryCommands(['127.0.0.1:9999', '127.0.0.1:10000']).flatMap((line) =>
      strangers(line, '', flags),
    );
    assert.deepEqual(wrong, []);
  });
});
