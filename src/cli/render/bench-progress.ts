// The benchmark's progress on stderr: on a terminal a spinner that names the phase and the time
// left (of the phase and of the whole run), with each measured point printed above it; off a
// terminal a line when a phase starts, each point, a line with the time left whenever nothing
// was said for a while, and a line when it ends. No minute of a run passes in silence.
import type { BenchProgress } from '../../bench/run.js';
import { aboutTime, timeLeftMs } from '../../bench/phases.js';
import { haltSpinner, showSpinner } from './spinner.js';
import { mark, quiet } from './style.js';
import { wrap } from './wrap.js';

/** The spinner's text is brought up to date this often. */
const TICK_MS = 1_000;
/** Off a terminal, a line with the time left after this long without one. */
const QUIET_LINE_MS = 20_000;
/** The mark and space ora puts before a persisted line. */
const MARK_COLUMNS = 2;

export interface ProgressOutput {
  write(text: string): void;
  /** Columns of a terminal that can redraw a line; undefined for a pipe or a file. */
  columns: number | undefined;
}

/** Progress on `out` (stderr), timed by `now`. */
export function benchProgress(
  out: ProgressOutput = stderrOutput(),
  now: () => number = () => performance.now(),
): BenchProgress {
  return {
    async phase(plan, work) {
      const started = now();
      let fraction = 0;
      let said = started;
      const counter = `[${plan.index}/${plan.count}]`;
      const left = () => {
        const elapsed = now() - started;
        const phaseLeft = timeLeftMs(plan.expectedMs, elapsed, fraction);
        const all = plan.laterMs > 0 ? `; all: ${aboutTime(phaseLeft + plan.laterMs)}` : '';
        // Past its usual length with nothing to go by: say so, rather than "a few seconds" on end.
        if (phaseLeft === 0 && fraction === 0)
          return `longer than usual, ${took(elapsed)} so far${all && `; then ${aboutTime(plan.laterMs)}`}`;
        return `${aboutTime(phaseLeft)} left${all}`;
      };
      const status = () => `${counter} ${plan.phase}: ${left()}`;
      const spinner = out.columns === undefined ? undefined : await startSpinner(status());
      if (!spinner) out.write(`${counter} ${plan.title} (${left()})\n`);
      const timer = setInterval(() => {
        if (spinner) spinner.text = status();
        else if (now() - said >= QUIET_LINE_MS) {
          said = now();
          out.write(`${status()}\n`);
        }
      }, TICK_MS);
      timer.unref();
      const step = {
        log(point: string) {
          said = now();
          // On a terminal a point wraps between words, as the story does (a fallback's reason is long).
          const line = out.columns === undefined ? point : wrap(point, out.columns, '  ');
          if (!spinner?.isSpinning) return out.write(`${line}\n`);
          spinner.clear();
          out.write(`${line}\n`);
          spinner.render();
        },
        done(f: number) {
          fraction = Math.min(1, Math.max(fraction, f));
        },
      };
      try {
        const result = await work(step);
        const line = `${plan.title}  ${quiet(took(now() - started))}`;
        if (spinner) {
          const text = wrap(line, out.columns! - MARK_COLUMNS, '  ');
          spinner.stopAndPersist({ symbol: mark.done(), text });
        } else out.write(`${mark.done()} ${line}\n`);
        return result;
      } catch (error) {
        if (spinner) spinner.stopAndPersist({ symbol: mark.failed(), text: plan.title });
        throw error;
      } finally {
        clearInterval(timer);
        if (spinner) showSpinner(undefined);
      }
    },
  };
}

/** "12.3 s", "2 min 5 s": how long a phase took. */
export function took(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

function stderrOutput(): ProgressOutput {
  // A terminal that reports no width (some pseudo-terminals) would make ora redraw without end.
  const tty = !!process.stderr.isTTY && (process.stderr.columns ?? 0) > 0;
  return {
    write: (text) => process.stderr.write(text),
    columns: tty ? process.stderr.columns : undefined,
  };
}

async function startSpinner(text: string) {
  const { default: ora } = await import('ora');
  haltSpinner();
  const spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
  showSpinner(spinner);
  return spinner;
}
