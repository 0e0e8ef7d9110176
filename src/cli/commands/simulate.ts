// `ae-demo simulate`: many replicas in one process, on a simulated network in virtual time.
import { readFile } from 'node:fs/promises';
import { UsageError, VerificationError } from '../../errors.js';
import type { SimOptions, SimResult } from '../../sim/simulate.js';
import type { Given } from '../../sim/given.js';
import { checkReportPath } from '../flags/web.js';
import { whyUnreadable } from '../flags/file-reason.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { intervalTable, scalingTable, simSummary } from '../render/simulate.js';
import { terminalWidth, wrapLines } from '../render/wrap.js';

/** What `ae-demo simulate` runs and where it leaves the results. */
export interface SimulateOptions {
  /** One simulation each, compared against each other when there are several. */
  runs: SimOptions[];
  /** Print the results as JSON instead of tables. */
  json: boolean;
  /** Write a self-contained HTML report here. */
  report?: string;
  /** Write the main plot alone as SVG here. */
  plot?: string;
  /** Start the replicas with what the nodes of this `run --json` output held. */
  given?: string;
}

/** Runs each simulation; Ctrl-C ends it as it ends every command: a line, the closing line, exit 130. */
export function simulate(o: SimulateOptions): Promise<void> {
  return withTeardown(() => simulateAll(o));
}

/** Every requested simulation, one after another, then the tables, report and plot. */
async function simulateAll(o: SimulateOptions): Promise<void> {
  const { runs } = o;
  // Checked before anything runs: a report that cannot be written fails at once.
  const report =
    o.report === undefined ? undefined : await checkReportPath(o.report, '--report', 'sim.html');
  const plot =
    o.plot === undefined ? undefined : await checkReportPath(o.plot, '--plot', 'rounds.svg');
  const { simulate } = await import('../../sim/simulate.js');
  const given = o.given === undefined ? undefined : await givenFrom(o.given, runs);
  const results: SimResult[] = [];
  for (const run of runs) {
    const started = performance.now();
    const r = await simulate(given ? { ...run, given: given.entries } : run);
    results.push(r);
    if (!o.json) {
      if (runs.length === 1) process.stdout.write(`${intervalTable(r)}\n\n`);
      process.stdout.write(`${wrapLines(simSummary(r), terminalWidth())}\n`);
      const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
      process.stdout.write(
        `wall ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${rss} MiB\n\n`,
      );
    }
  }
  if (o.json) {
    const out = results.length === 1 ? results[0] : { runs: results };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (results.length > 1) process.stdout.write(`${scalingTable(results)}\n`);
  if (report || plot) {
    const output = await import('../output/sim.js');
    const command = output.commandLine(process.argv.slice(2));
    if (report) await output.writeSimReport(report, results, runs[0]!, command);
    if (plot) await output.writeSimPlot(plot, results, runs[0]!);
  }
  const failed = results.filter((r) => !r.converged);
  if (failed.length > 0)
    throw new VerificationError(
      `${failed.length} of ${results.length} simulations did not converge within --max-rounds; ` +
        'raise --max-rounds or lower --loss.',
    );
}

/** --given FILE: the entries each node of a `run --json` held, for replicas 1..n of every run. */
async function givenFrom(file: string, runs: readonly SimOptions[]): Promise<Given> {
  const { GivenError, keyProblem, parseGiven } = await import('../../sim/given.js');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--given: cannot read ${file}: ${whyUnreadable(error)}; write it with ` +
        `ae-demo run --keys 0 --cluster-key-file KEYFILE --json > ${file}.`,
      { cause: error },
    );
  }
  let given: Given;
  try {
    given = parseGiven(text);
  } catch (error) {
    if (error instanceof GivenError) throw new UsageError(`--given ${file}: ${error.message}`);
    throw error;
  }
  const problem = keyProblem(given.tree, runs[0]?.clusterKey);
  if (problem !== undefined) throw new UsageError(`--given ${file}: ${problem}.`);
  if (runs.some((o) => o.nodes < given.nodes))
    throw new UsageError(
      `--given ${file} holds what ${given.nodes} nodes held; pass --nodes ${given.nodes} or more.`,
    );
  return given;
}
