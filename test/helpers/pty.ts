// A real pseudo-terminal for keyboard tests: the CLI runs under util-linux `script`, whose stdin
// is the keyboard, so Ctrl-C is a keystroke the terminal turns into SIGINT, as for a person.
import { spawn } from 'node:child_process';
import { execa } from 'execa';
import { readdirSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { BIN } from './cli.js';
import { until } from './poll.js';

/** The terminal's size in every keyboard test: 80×24, the default of most terminals. */
const COLUMNS = 80;
const ROWS = 24;

export interface Terminal {
  /** Everything the terminal showed so far (stdout and stderr, spinner frames included). */
  screen(): string;
  /** Waits until the screen shows `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Types keys, as a person would (Ctrl-C is "\x03", Enter "\r"). */
  type(keys: string): void;
  /** Every process started under the terminal that is still alive (the CLI and its nodes). */
  processes(): number[];
  /** Which of `pids` are still alive (orphans included, which `processes` no longer sees). */
  alive(pids: number[]): number[];
  /** The exit code `script` reports (130 for a program ended by SIGINT) and when it came. */
  exited: Promise<{ code: number | null; at: number }>;
  kill(): void;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs `ae-demo ARGS` in a pseudo-terminal of 80×24 (or `columns` wide) with colour off. */
export function inTerminal(args: string[], columns = COLUMNS): Terminal {
  const command = `stty cols ${columns} rows ${ROWS}; exec ${quote(process.execPath)} ${[BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
  });
  let screen = '';
  // Decoded as a stream: a character split across two chunks must not become two U+FFFD.
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (c: string) => (screen += c));
  child.stderr.on('data', (c: string) => (screen += c));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return {
    screen: () => screen,
    waitFor: async (text, timeoutMs = 60_000) => {
      await until(`the terminal to show "${text}"`, async () => screen.includes(text), timeoutMs);
    },
    type: (keys) => child.stdin.write(keys),
    processes: () => (child.pid === undefined ? [] : descendants(child.pid)),
    alive: (pids) => pids.filter(isAlive),
    exited,
    kill: () => {
      for (const pid of descendants(child.pid ?? 0)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The live descendants of a process, from /proc (parent ids), zombies excluded. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') continue;
    const list = children.get(Number(ppid)) ?? [];
    list.push(Number(name));
    children.set(Number(ppid), list);
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(root);
  return found;
}

/** Erase-line control codes: what was drawn on the line is gone (ESC [K, ESC [0K, ESC [2K). */
// eslint-disable-next-line no-control-regex -- ESC opens the erase
const ERASE_LINE = /\x1b\[[02]?K/;

/** The lines as they stand once every spinner frame has been overwritten, control codes removed. */
export function finalLines(screen: string): string[] {
  // ora redraws a frame by moving to column 1 (ESC [G or ESC [1G) rather than with a carriage
  // return, and clears a frame it stops with an erase-line code.
  return (
    screen
      // eslint-disable-next-line no-control-regex -- ESC opens the cursor move
      .replace(/\x1b\[1?G/g, '\r')
      .split('\n')
      .map((line) => {
        let shown = '';
        for (const part of line.split('\r')) {
          const erased = ERASE_LINE.test(part);
          const text = stripVTControlCharacters(erased ? part.split(ERASE_LINE).at(-1)! : part);
          if (erased || text !== '') shown = text;
        }
        return shown;
      })
  );
}

/** A tmux pane running `ae-demo ARGS`: what a person sees, as tmux renders it. */
export interface Pane {
  /** The whole pane, history included, wrapped lines joined. */
  screen(): Promise<string>;
  /** tmux key names: "Enter", "C-c". */
  keys(...names: string[]): Promise<void>;
  kill(): Promise<void>;
}

let panes = 0;

/** Starts `ae-demo ARGS` in a detached tmux session on a server of its own, `columns`×24. */
export async function inTmux(args: string[], columns = COLUMNS): Promise<Pane> {
  const socket = `ae-demo-test-${process.pid}-${++panes}`;
  const tmux = (...a: string[]) => execa('tmux', ['-L', socket, '-f', '/dev/null', ...a]);
  // `exec cat` keeps the pane (and what it shows) after the command ends, until kill().
  const command = `NO_COLOR=1 ${[process.execPath, BIN, ...args].map(quote).join(' ')}; exec cat`;
  await tmux('new-session', '-d', '-x', String(columns), '-y', String(ROWS), command);
  return {
    screen: async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-')).stdout),
    keys: async (...names) => {
      await tmux('send-keys', ...names);
    },
    kill: async () => {
      await execa('tmux', ['-L', socket, 'kill-server'], { reject: false });
    },
  };
}

/** The terminal's echo of a typed Ctrl-C: what the screen shows after it came after the keystroke. */
const CTRL_C_ECHO = '^C';

/**
 * The lines the terminal showed after a Ctrl-C typed when the screen was `typedAt` long
 * (spinner frames overwritten, empty lines left out). The terminal echoes the keystroke as ^C
 * where it took it, so what a program wrote just before but arrived later is not counted; a
 * program that reads raw keys (a prompt) gets no echo, and then nothing was in flight.
 */
export function linesAfterCtrlC(screen: string, typedAt: number): string[] {
  const after = screen.slice(typedAt);
  const echo = after.indexOf(CTRL_C_ECHO);
  return finalLines(echo < 0 ? after : after.slice(echo + CTRL_C_ECHO.length))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
