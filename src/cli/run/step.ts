// --step: wait before each part of a scenario for Enter in the terminal or Next in the live page,
// whichever comes first; the other is then withdrawn.
import { clearScreenDown, moveCursor } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import { endStory, interrupted } from '../lifecycle/interrupt.js';
import type { RunView } from '../../web/live.js';
import { quiet } from '../render/style.js';

/** A terminal that reports no width is taken to be this wide. */
const DEFAULT_COLUMNS = 80;

/** Resolves at Enter (when stdin is a terminal) or Next (when a live page is up); at once if neither can come. */
export async function waitForNext(next: string, view: RunView | undefined): Promise<void> {
  const terminal = process.stdin.isTTY === true;
  if (!terminal && !view?.live) return;
  const withdraw = new AbortController();
  const waits: Promise<void>[] = [];
  if (terminal) waits.push(pressEnter(next, view?.live === true, withdraw.signal));
  else process.stderr.write(quiet(`Next in the page for: ${next}\n`));
  if (view?.live) waits.push(view.waitForNext(next, withdraw.signal));
  try {
    await Promise.race(waits);
  } finally {
    withdraw.abort();
  }
}

async function pressEnter(next: string, page: boolean, withdraw: AbortSignal): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const prompt = `⏎  ${page ? 'Enter (or Next in the page)' : 'Enter'} for: ${next} `;
  try {
    await rl.question(quiet(`\n${prompt}`), { signal: withdraw });
    erasePrompt(prompt);
  } catch (error) {
    if (withdraw.aborted) {
      process.stderr.write('\n');
      erasePrompt(prompt);
      return;
    }
    // While readline owns the terminal, Ctrl-C arrives as a keystroke, not as SIGINT.
    if ((error as { code?: string }).code === 'ABORT_ERR') {
      endStory();
      throw interrupted('Ctrl-C');
    }
    throw error;
  } finally {
    rl.close();
  }
}

/**
 * Once answered, the prompt (and the blank line above it) is wiped, so the part's title that
 * follows is printed once, not under a prompt that repeats it.
 */
function erasePrompt(prompt: string): void {
  const { stderr } = process;
  if (!stderr.isTTY) return;
  const rows = Math.max(1, Math.ceil(prompt.length / (stderr.columns || DEFAULT_COLUMNS)));
  moveCursor(stderr, 0, -(rows + 1));
  clearScreenDown(stderr);
}
