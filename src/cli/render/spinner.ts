// Progress on stderr: an ora spinner per phase on a terminal, one plain line per phase
// elsewhere (ora does not animate off a TTY), nothing at all when silenced (--json).
import chalk from 'chalk';
import { seconds } from '../../format.js';
import { wrap } from './wrap.js';

/** The mark and space ora puts before a persisted line. */
const MARK_COLUMNS = 2;

export interface Progress {
  phase<T>(title: string, work: () => Promise<T>, summary?: (result: T) => string): Promise<T>;
}

/** The spinner on screen now, if any: Ctrl-C clears it before the closing lines. */
let spinning: { stop(): unknown } | undefined;

/** Another spinner on screen (the benchmark's progress), or none: Ctrl-C clears it too. */
export function showSpinner(spinner: { stop(): unknown } | undefined): void {
  spinning = spinner;
}

/** Clears the spinner that shows, so a signal's lines are not followed by a stale frame. */
export function haltSpinner(): void {
  spinning?.stop();
  spinning = undefined;
}

export function createProgress(silent: boolean): Progress {
  return {
    async phase(title, work, summary) {
      // Silenced (--json): nothing to show, so no spinner to load.
      if (silent) return work();
      const started = performance.now();
      // A terminal that reports no width (some pseudo-terminals) would make ora redraw without end.
      const interactive = !!process.stderr.isTTY && (process.stderr.columns ?? 0) > 0 && !silent;
      const { default: ora } = await import('ora');
      const spinner = ora({
        text: title,
        stream: process.stderr,
        isSilent: silent,
        isEnabled: interactive,
        // ora's default puts the terminal in raw mode, where Ctrl-C is a keystroke, not SIGINT.
        discardStdin: false,
      });
      // Off a terminal ora would print the start line too: print only the outcome there.
      if (interactive) spinning = spinner.start();
      try {
        const result = await work();
        if (spinning === spinner) spinning = undefined;
        const text = summary ? summary(result) : title;
        const line = `${text}  ${chalk.dim(seconds(performance.now() - started))}`;
        // On a terminal the line wraps between words, continuation lines under its text.
        const width = interactive ? process.stderr.columns! - MARK_COLUMNS : undefined;
        spinner.stopAndPersist({ symbol: chalk.green('✔'), text: wrap(line, width, '  ') });
        return result;
      } catch (error) {
        if (spinning === spinner) spinning = undefined;
        spinner.stopAndPersist({ symbol: chalk.red('✘'), text: title });
        throw error;
      }
    },
  };
}
