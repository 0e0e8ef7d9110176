// What `simulate` leaves on disk: the HTML report (--report) and the headline plot as an SVG
// file (--plot). Each is written whole to a temporary file in the same folder and renamed over
// the target, so a reader (or a crash half-way) never sees half a file.
import path from 'node:path';
import type { SimOptions, SimResult } from '../../sim/simulate.js';
import { PLOT_SIZES } from '../../sim/report/constants.js';
import { convergedPlot, scalingPlot } from '../../sim/report/figures.js';
import { simReportHtml } from '../../sim/report/page.js';
import { plotSvg } from '../../sim/report/plot.js';
import { standaloneSvg } from '../../sim/report/plot-style.js';
import { CSS } from '../../web/view/style.js';
import { strong } from '../render/style.js';
import { writeFileAtomic } from './write-atomic.js';

/** The report file, named on stderr. */
export async function writeSimReport(
  file: string,
  results: readonly SimResult[],
  options: SimOptions,
  command: string,
): Promise<void> {
  await writeFileAtomic(file, simReportHtml(results, options, command, CSS));
  process.stderr.write(`${strong('Report:')} ${file}\n`);
}

/** The headline plot alone: rounds against N when there are several N, else replicas over time. */
export async function writeSimPlot(
  file: string,
  results: readonly SimResult[],
  options: SimOptions,
): Promise<void> {
  const spec = scalingPlot(results) ?? convergedPlot(results, options.intervalMs);
  await writeFileAtomic(file, standaloneSvg(plotSvg(spec, PLOT_SIZES.wide, 'plot')));
  process.stderr.write(`${strong('Plot:')} ${file}\n`);
}

/** Flags that name a file on this machine: the report, shared, shows only the file's name. */
const FILE_FLAGS = new Set(['--report', '--plot', '--given', '--cluster-key-file']);
/** Flags whose value is a secret: the report shows that one was given, never what. */
const SECRET_FLAGS = new Set(['--cluster-key']);
/** What stands for a secret flag's value. */
const HIDDEN = 'KEY';

/**
 * The command line as a person would type it again (arguments with spaces quoted), with the
 * files it names by their names alone: a path such as /home/alice/… stays off a shared page,
 * and a cluster key off it altogether.
 */
export function commandLine(args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const shownValue = (flag: string, value: string) =>
    SECRET_FLAGS.has(flag) ? HIDDEN : FILE_FLAGS.has(flag) ? path.basename(value) : value;
  const shown = args.map((a, i) => {
    if (i > 0 && (FILE_FLAGS.has(args[i - 1]!) || SECRET_FLAGS.has(args[i - 1]!)))
      return shownValue(args[i - 1]!, a);
    const joined = /^(--[\w-]+)=(.*)$/s.exec(a);
    return joined ? `${joined[1]}=${shownValue(joined[1]!, joined[2]!)}` : a;
  });
  return ['ae-demo', ...shown.map(quote)].join(' ');
}
