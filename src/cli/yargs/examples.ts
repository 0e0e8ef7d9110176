// Help examples a person can paste: on a terminal, an example too wide for its column of the
// help is broken between words with a trailing " \" (as `node --help` does), so the pasted lines
// are still one command; yargs would otherwise wrap it into lines a shell reads as two commands.
import type { Argv } from 'yargs';
import { commandLines } from '../render/command-line.js';

/** yargs gives an example's command at most half the help's width (usage.js, maxWidth). */
const COMMAND_SHARE = 0.5;
/** " \\" after the last word that fits a line. */
const JOIN_WIDTH = 2;
/** yargs pads an example two spaces each side. */
const PADDING = 4;

/** `y` with every `.example(command, meaning)` pre-broken for help `wrap` columns wide. */
export function pastableExamples(y: Argv, wrap: number | undefined): void {
  if (wrap === undefined) return;
  const room = Math.floor(wrap * COMMAND_SHARE);
  const example = y.example.bind(y) as (command: string, meaning: string) => Argv;
  // Every command's builder is given this same instance, so its examples come through here.
  (y as { example: unknown }).example = (command: string, meaning: string) => {
    const words = command.replaceAll('$0', 'ae-demo');
    // A word wider than the column (a list of addresses) would be cut inside it: such an
    // example takes the whole width, its meaning in its column on the line below.
    if (Math.max(...words.split(' ').map((w) => w.length)) + JOIN_WIDTH <= room)
      return example(commandLines(words, room, ''), meaning);
    example(commandLines(words, wrap - PADDING, ''), '');
    return example('', meaning);
  };
}
