// Every screen of every command fits an 80-column terminal (the default of most terminals):
// tables narrow their columns, prose wraps between words, help wraps to the terminal. Each
// command runs in a real pseudo-terminal of 80×24; every line as it stands at the end is checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, portRange, portsReleased, testCluster } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { finalLines, inTerminal, type Terminal } from '../helpers/pty.js';

const COLUMNS = 80;
const CTRL_C = '\x03';

/** The lines of `t`'s screen wider than the terminal. */
function tooWide(t: Terminal, columns = COLUMNS): string[] {
  return finalLines(t.screen())
    .filter((l) => l.length > columns)
    .map((l) => `${l.length}: ${l}`);
}

/** Runs `ae-demo ARGS` to its end in the terminal; checks its exit code and that every line fits. */
async function fits(args: string[], code: number, columns = COLUMNS): Promise<string> {
  const t = inTerminal(args, columns);
  try {
    const exit = await t.exited;
    assert.equal(exit.code, code, t.screen());
    assert.deepEqual(tooWide(t, columns), [], `ae-demo ${args.join(' ')}`);
    return finalLines(t.screen()).join('\n');
  } finally {
    t.kill();
  }
}

/** The screen's text with line breaks (and the indents after them) read as spaces. */
const joined = (screen: string) =>
  screen
    .split('\n')
    .map((l) => l.trim())
    .join(' ');

/**
 * The example lines of a help screen that a command continues on the next line (a line whose
 * first column is not a new "ae-demo …") without ending in " \\": pasted, they are two commands.
 */
function unjoinedExamples(screen: string): string[] {
  const lines = screen.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Examples:'));
  if (start < 0) return [];
  const bad: string[] = [];
  for (let i = start + 1; i + 1 < lines.length && lines[i] !== ''; i++) {
    const command = (line: string) =>
      /^ {2,4}\S/.test(line) ? line.trim().split(/ {2,}/)[0]! : '';
    const next = command(lines[i + 1]!);
    const continued = next !== '' && !next.startsWith('ae-demo ');
    if (command(lines[i]!) !== '' && continued && !command(lines[i]!).endsWith(' \\'))
      bad.push(`${lines[i]}\n${lines[i + 1]}`);
  }
  return bad;
}

describe('an 80-column terminal', () => {
  it('run: tables, tree paths, the header and prose all fit, no word cut', async () => {
    const base = await freeBasePort(3);
    const screen = await fits(['run', '--base-port', String(base)], 0);
    const text = joined(screen);
    for (const phrase of ['no replication', 'last write wins', '(15 of 16 branches below equal'])
      assert.ok(text.includes(phrase), phrase);
    await portsReleased(portRange(base));
  });

  it('run: a longer scenario name, and the strategies table', async () => {
    for (const scenario of ['split-brain', 'strategies', 'repair-paths']) {
      const base = await freeBasePort(3);
      const screen = await fits(['run', '--scenario', scenario, '--base-port', String(base)], 0);
      assert.ok(joined(screen).includes(`scenario ${scenario}`), scenario);
      await portsReleased(portRange(base));
    }
  });

  it('scenarios, at 80 and at 120 columns', async () => {
    await fits(['scenarios'], 0);
    await fits(['scenarios'], 0, 120);
  });

  it("every command's --help, node's included", async () => {
    for (const command of COMMANDS) await fits([command, '--help'], 0);
    await fits(['--help'], 0);
  });

  it('cluster: its log, key, curl line and the commands to try', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['cluster', '--base-port', String(base)]);
    try {
      await t.waitFor('Ctrl-C stops them all');
      assert.deepEqual(tooWide(t), []);
      t.type(CTRL_C);
      assert.equal((await t.exited).code, 130);
      assert.deepEqual(tooWide(t), []);
    } finally {
      t.kill();
    }
    await portsReleased(portRange(base));
  });

  it('node: its log lines, in the foreground until Ctrl-C', async () => {
    const base = await freeBasePort(3);
    const peers = [base + 1, base + 2].map((p) => `127.0.0.1:${p}`).join(',');
    const t = inTerminal(['node', '--port', String(base), '--peers', peers, '--ae-interval', '0']);
    try {
      // "node node-P listening on 127.0.0.1:P, peers 127.0.0.1:P, 127.0.0.1:P": 85 columns.
      await t.waitFor('listening on');
      t.type(CTRL_C);
      assert.equal((await t.exited).code, 0);
      assert.deepEqual(tooWide(t), []);
      assert.match(
        joined(finalLines(t.screen()).join('\n')),
        /listening on 127\.0\.0\.1:\d+, peers/,
      );
    } finally {
      t.kill();
    }
    await portsReleased([base]);
  });

  it("every example in every command's --help pastes as one command, at 80 and 120 columns", async () => {
    for (const columns of [COLUMNS, 120])
      for (const args of [...COMMANDS.map((c) => [c, '--help']), ['--help']]) {
        const screen = await fits(args, 0, columns);
        assert.deepEqual(unjoinedExamples(screen), [], `ae-demo ${args.join(' ')} at ${columns}`);
      }
  });

  it('chaos and simulate summaries', async () => {
    const base = await freeBasePort(3);
    await fits(['chaos', '--ops', '60', '--base-port', String(base)], 0);
    await portsReleased(portRange(base));
    await fits(['simulate', '--nodes', '16,64', '--keys', '50'], 0);
  });

  it('bench: its report tables, at 80 and at 120 columns', async () => {
    // The quickest phase at the smallest store its flags allow a sensible grid at.
    for (const columns of [COLUMNS, 120]) {
      const screen = await fits(['bench', '--only', 'exchange', '--keys', '100'], 0, columns);
      assert.match(screen, /│ 100 +│ 10% +│ riblt +│/, screen);
      assert.ok(joined(screen).includes('Targets'), screen);
    }
  });

  it('put, inspect and diff on a cluster, with a value longer than a line', async () => {
    const cluster = await testCluster(3);
    const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
    const nodes = cluster.nodes.map((n) => n.address).join(',');
    const long = `long_${'value_'.repeat(30)}end`;
    try {
      await fits(['put', 'user:alice', long, '--node', a], 0);
      await fits(['put', 'user:alice', 'other', '--node', b, '--direct'], 0);
      const screen = await fits(['inspect', 'user:alice', '--nodes', nodes], 0);
      assert.ok(joined(screen).includes('settle on "other"'), screen);
      await fits(['diff', '--nodes', nodes], 1);
    } finally {
      await cluster.stop();
    }
  });

  it('errors wrap between words', async () => {
    const dead = await freeBasePort(1);
    const screen = await fits(['put', 'user:alice', 'v', '--node', `127.0.0.1:${dead}`], 3);
    assert.ok(joined(screen).includes('Start nodes with "ae-demo cluster" or pass --node.'));
    await fits(['run', '--web', '--web-port', '40001', '--base-port', '40000'], 2);
    // The example command in the sentence is whole on its line, so it pastes as one command.
    const put = await fits(['put'], 2);
    assert.ok(put.split('\n').includes('"ae-demo put user:alice alice_data".'), put);
  });
});
