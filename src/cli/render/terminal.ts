// Terminal manners: whether to colour, and how errors look (one sentence; stack with --verbose).
import chalk from 'chalk';
import { AeError } from '../../errors.js';
import { sayClosing } from '../lifecycle/interrupt.js';
import { wrap } from './wrap.js';

/** Colour only on a terminal stdout, and never with --no-color or NO_COLOR. */
export function configureColor(args: readonly string[]): void {
  const off =
    args.includes('--no-color') ||
    args.includes('--color=false') ||
    (process.env.NO_COLOR ?? '') !== '' ||
    !process.stdout.isTTY;
  const forced = args.includes('--color') || args.includes('--color=true');
  if (off && !forced) chalk.level = 0;
}

const ANSWERS = new Set(['trees_differ']);

export function printError(error: unknown, verbose: boolean): void {
  const message =
    error instanceof AeError
      ? error.message
      : `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
  // Ctrl-C is the user's own choice and different trees are diff's answer, not failures: say
  // what happened, without "error:".
  if (error instanceof AeError && error.code === 'interrupted') {
    // The story ended at the signal: this closing line is written past it.
    sayClosing(`\n${message}\n`);
    return;
  }
  // On a terminal the sentence wraps to it between words.
  const width = process.stderr.isTTY ? process.stderr.columns : undefined;
  if (error instanceof AeError && ANSWERS.has(error.code)) {
    process.stderr.write(`${wrap(message, width)}\n`);
    return;
  }
  process.stderr.write(`${wrap(`${chalk.red('error:')} ${message}`, width)}\n`);
  if (verbose && error instanceof Error && error.stack)
    process.stderr.write(`${chalk.dim(error.stack)}\n`);
  else if (!(error instanceof AeError))
    process.stderr.write(chalk.dim('Run again with --verbose to see where it happened.\n'));
}
