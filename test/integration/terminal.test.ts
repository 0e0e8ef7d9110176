// Ctrl-C typed in a real terminal (a pseudo-terminal, not a signal sent from outside): every
// command exits 130 within 2 s and leaves no process and no port behind, spinner or not.
import assert from 'node:assert/strict';
import { get, type ClientRequest } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { until, within } from '../helpers/poll.js';
import { finalLines, inTerminal, inTmux, linesAfterCtrlC, type Terminal } from '../helpers/pty.js';

/** The requirement: from the keystroke to the last process gone. */
const CTRL_C_DEADLINE_MS = 2_000;
const CTRL_C = '\x03';
/** How every command ends on Ctrl-C, whatever it was doing (and whether it started nodes). */
const CLOSING_LINE = 'Interrupted by Ctrl-C; every node this command started has been stopped.';

/** The live page's address as the command printed it, and its port. */
async function livePage(t: Terminal): Promise<{ url: string; port: number }> {
  await t.waitFor('Live view: http://');
  const url = /Live view: (http:\/\/\S+)/.exec(t.screen())![1]!;
  return { url, port: Number(new URL(url).port) };
}

/** What a browser keeps open on the live page: its event stream, read until the server ends it. */
async function openEvents(url: string): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}events`, (res) => {
      res.resume();
      resolve(req);
    });
    req.once('error', reject);
  });
}

/** Waits for `ready`, types Ctrl-C and checks the exit code, the time and what is left. */
async function pressCtrlC(t: Terminal, ready: () => Promise<void>, ports: number[]) {
  try {
    await ready();
    const pids = t.processes();
    const typed = Date.now();
    const typedAt = t.screen().length;
    t.type(CTRL_C);
    const exit = await within(t.exited, CTRL_C_DEADLINE_MS);
    assert.ok(exit, `still running ${CTRL_C_DEADLINE_MS} ms after Ctrl-C:\n${t.screen()}`);
    assert.equal(exit.code, 130, t.screen());
    // The story ends at the keystroke: the closing line is the only line after it.
    assert.deepEqual(linesAfterCtrlC(t.screen(), typedAt), [CLOSING_LINE], t.screen());
    await until(
      'every process of the command to be gone',
      async () => t.alive(pids).length === 0,
      Math.max(100, typed + CTRL_C_DEADLINE_MS - Date.now()),
    );
    await portsReleased(ports);
  } finally {
    t.kill();
  }
}

/** Resolves once the terminal shows `text` and at least `count` processes run under it. */
const shown =
  (t: Terminal, text: string, count = 1) =>
  async () => {
    await t.waitFor(text);
    await until(`${count} processes`, async () => t.processes().length >= count, 60_000);
  };

/** Ctrl-C once `text` shows, while a browser holds the live page's event stream open. */
async function ctrlCWithPageOpen(args: string[], text: string): Promise<void> {
  const base = await freeBasePort(3);
  const t = inTerminal([...args, '--base-port', String(base)]);
  const page = await livePage(t);
  const events = await openEvents(page.url);
  try {
    await pressCtrlC(t, shown(t, text, 4), [...portRange(base), page.port]);
  } finally {
    events.destroy();
  }
}

describe('Ctrl-C in a real terminal', () => {
  it('run: while a spinner shows', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal([
      'run',
      '--base-port',
      String(base),
      '--web-port',
      '0',
      '--keys',
      '100000',
    ]);
    await pressCtrlC(t, shown(t, 'writing 100000 keys', 4), portRange(base));
  });

  it('run: during the full round of strategies, no phase line, part or unreachable peer after', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal([
      'run',
      '--scenario',
      'strategies',
      '--keys',
      '100000',
      '--base-port',
      String(base),
    ]);
    await pressCtrlC(t, shown(t, '(full)', 4), portRange(base));
  });

  it('run --step: at the prompt', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--step', '--base-port', String(base), '--keys', '10']);
    await pressCtrlC(t, shown(t, 'Enter for:', 4), portRange(base));
  });

  it('run --step: while a spinner shows, before the first prompt', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--step', '--base-port', String(base), '--keys', '100000']);
    await pressCtrlC(t, shown(t, 'writing 100000 keys', 4), portRange(base));
  });

  it('run --keep: while the cluster is kept', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--keep', '--base-port', String(base), '--keys', '10']);
    await pressCtrlC(t, shown(t, 'Ctrl-C stops every node', 4), portRange(base));
  });

  it('run --web: while the finished run waits for a browser', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--web', '--base-port', String(base), '--keys', '10']);
    const page = await livePage(t);
    await pressCtrlC(t, shown(t, 'No browser has opened', 1), [...portRange(base), page.port]);
  });

  it('run --web: while writing keys, with a page open', async () => {
    await ctrlCWithPageOpen(['run', '--web', '--keys', '100000'], 'writing 100000 keys');
  });

  it('cluster --web: with a page open (its event stream)', async () => {
    await ctrlCWithPageOpen(['cluster', '--web'], 'Ctrl-C stops them all');
  });

  it('cluster: in the foreground', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['cluster', '--base-port', String(base)]);
    await pressCtrlC(t, shown(t, 'Ctrl-C stops them all', 4), portRange(base));
  });

  it('chaos: while operations run', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['chaos', '--base-port', String(base), '--ops', '100000']);
    await pressCtrlC(t, shown(t, 'kill -9', 4), portRange(base));
  });

  it('simulate: while it builds the replicas of its second run', async () => {
    // The first run is small and prints its summary; the second (1,000 replicas) takes seconds.
    const t = inTerminal(['simulate', '--nodes', '8,1000', '--keys', '5000', '--writes', '10']);
    await pressCtrlC(t, shown(t, 'wall ', 1), []);
  });

  it('inspect: while it waits for a node that never answers', async () => {
    // A command that starts nothing ends Ctrl-C the same way (a silent peer holds it meanwhile).
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const t = inTerminal(['inspect', 'user:alice', '--nodes', `127.0.0.1:${port}`]);
      await pressCtrlC(t, async () => {
        await until('inspect to connect', async () => sockets.size > 0);
      }, []);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('bench: while its first cluster is up', async () => {
    const t = inTerminal(['bench', '--duration', '1']);
    // The benchmark picks its own free ports; its processes being gone covers them.
    await pressCtrlC(t, shown(t, '] exchange', 3), []);
  });
});

describe('the story in a real terminal', () => {
  it('at 110 columns every line fits and prose wraps between words', async () => {
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--base-port', String(base), '--keys', '1000'], 110);
    try {
      const exit = await t.exited;
      assert.equal(exit.code, 0, t.screen());
      const lines = finalLines(t.screen());
      for (const l of lines) assert.ok(l.length <= 110, `${l.length} columns: ${l}`);
      // Lines joined back: the phrases the issue saw cut ("no rep|lication", "la|st write wins").
      const text = lines.map((l) => l.trim()).join(' ');
      for (const phrase of ['no replication', 'last write wins', 'kB with node-'])
        assert.ok(text.includes(phrase), phrase);
    } finally {
      t.kill();
    }
    await portsReleased(portRange(base));
  });
});

describe('run --step in a real terminal', () => {
  it("prints each part's title once: the answered prompt is wiped", async () => {
    const base = await freeBasePort(3);
    const pane = await inTmux(['run', '--step', '--base-port', String(base), '--keys', '10']);
    try {
      let screen = '';
      let answered = 0;
      while (!screen.includes('Converged')) {
        screen = await until(
          'a prompt or the verdict',
          async () => {
            const s = await pane.screen();
            return /Enter for: .+|Converged/.test(s) && s;
          },
          60_000,
        );
        const prompt = /⏎ {2}Enter for: (.+?) *$/m.exec(screen);
        if (!prompt || screen.includes('Converged')) continue;
        await pane.keys('Enter');
        answered += 1;
        // The prompt goes away once answered (the title is printed below where it was, once).
        await until('the answered prompt to be wiped', async () => {
          const s = await pane.screen();
          return !s.includes(`Enter for: ${prompt[1]!}`) && s;
        });
      }
      assert.ok(answered >= 4, `${answered} prompts`);
      assert.doesNotMatch(screen, /Enter for:/);
      for (const title of [
        'A normal write is replicated',
        'Direct writes bypass replication',
        'Before anti-entropy',
        'Merkle trees: where the replicas differ',
        'After anti-entropy',
      ]) {
        const times = screen.split(title).length - 1;
        assert.equal(times, 1, `"${title}" shown ${times} times:\n${screen}`);
      }
    } finally {
      await pane.kill();
    }
    await portsReleased(portRange(base));
  });
});
