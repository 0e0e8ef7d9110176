// What `simulate` leaves on disk: the HTML report (--report) and the headline plot as an SVG
// file (--plot). Each is written whole to a temporary file in the same folder and renamed over
// the target, so a reader (or a crash half-way) never sees half a file.
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

/** The command line as a person would type it again (arguments with spaces quoted). */
export function commandLine(args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['ae-demo', ...args.map(quote)].join(' ');
}
