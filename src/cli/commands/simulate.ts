// `ae-demo simulate`: many replicas in one process, on a simulated network in virtual time.
import { readFile } from 'node:fs/promises';
import { UsageError, VerificationError } from '../../errors.js';
import { STRATEGIES } from '../../node/sync/strategy.js';
import { SIM_MAX_KEYS, SIM_MAX_NODES, SIM_MAX_ROUNDS_LIMIT } from '../../sim/constants.js';
import { SELECTIONS } from '../../sim/selection.js';
import type { SimOptions, SimResult } from '../../sim/simulate.js';
import type { Given } from '../../sim/given.js';
import { parseCount, parseDuration } from '../options.js';
import { checkReportPath } from '../web-flags.js';
import { withTeardown } from '../teardown.js';
import { intervalTable, scalingTable, simSummary } from '../render/simulate.js';
import type { SimArgs } from '../specs/simulate.js';

/** Checks the flags, then runs each simulation; Ctrl-C ends it as it ends every command: a line, the closing line, exit 130. */
export function simulate(argv: SimArgs): Promise<void> {
  return withTeardown(() => simulateAll(argv), 'the simulation');
}

/** Every requested simulation, one after another, then the tables, report and plot. */
async function simulateAll(argv: SimArgs): Promise<void> {
  const runs = optionsFrom(argv);
  // Checked before anything runs: a report that cannot be written fails at once.
  const report =
    argv.report === undefined
      ? undefined
      : await checkReportPath(String(argv.report), '--report', 'sim.html');
  const plot =
    argv.plot === undefined
      ? undefined
      : await checkReportPath(String(argv.plot), '--plot', 'rounds.svg');
  const { simulate } = await import('../../sim/simulate.js');
  const given = argv.given === undefined ? undefined : await givenFrom(String(argv.given), runs);
  const results: SimResult[] = [];
  for (const o of runs) {
    const started = performance.now();
    const r = await simulate(given ? { ...o, given: given.entries } : o);
    results.push(r);
    if (!argv.json) {
      if (runs.length === 1) process.stdout.write(`${intervalTable(r)}\n\n`);
      process.stdout.write(`${simSummary(r)}\n`);
      const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
      process.stdout.write(
        `wall ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${rss} MiB\n\n`,
      );
    }
  }
  if (argv.json) {
    const out = results.length === 1 ? results[0] : { runs: results };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (results.length > 1) process.stdout.write(`${scalingTable(results)}\n`);
  if (report || plot) {
    const output = await import('../sim-output.js');
    const command = output.commandLine(process.argv.slice(2));
    if (report) await output.writeSimReport(report, results, runs[0]!, command);
    if (plot) await output.writeSimPlot(plot, results, runs[0]!);
  }
  const failed = results.filter((r) => !r.converged);
  if (failed.length > 0)
    throw new VerificationError(
      `${failed.length} of ${results.length} simulations did not converge within --max-rounds; raise --max-rounds or lower --loss.`,
    );
}

/** Checked flags -> one SimOptions per (nodes, selection) pair. */
export function optionsFrom(argv: SimArgs): SimOptions[] {
  const nodes = String(argv.nodes)
    .split(',')
    .map((n) => parseCount(n.trim(), '--nodes', 2, SIM_MAX_NODES));
  const selections = String(argv.selection)
    .split(',')
    .map((s) => {
      const found = SELECTIONS.find((x) => x === s.trim());
      if (!found)
        throw new UsageError(`--selection takes ${SELECTIONS.join(', ')} (or a list), not "${s}".`);
      return found;
    });
  const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']);
  if (!strategy) throw new UsageError(`--ae-strategy takes one of ${STRATEGIES.join(', ')}.`);
  const fraction = (flag: string) => {
    const x = Number(argv[flag]);
    if (!(x >= 0 && x <= 1))
      throw new UsageError(
        `${flag.replace(/^/, '--')} must be a number from 0 to 1, not "${String(argv[flag])}".`,
      );
    return x;
  };
  const positive = (flag: string) => {
    const x = Number(argv[flag]);
    if (!(x > 0 && Number.isFinite(x)))
      throw new UsageError(`--${flag} must be a positive number, not "${String(argv[flag])}".`);
    return x;
  };
  const latency = Number(argv['latency-ms']);
  if (!(latency >= 0 && Number.isFinite(latency)))
    throw new UsageError('--latency-ms must be 0 or more.');
  let partition: SimOptions['partition'];
  if (argv.partition !== undefined) {
    const m = /^([^-]+)-([^-]+)$/.exec(String(argv.partition));
    const from = m ? (m[1]!.trim() === '0' ? 0 : parseDuration(m[1]!, '--partition')) : NaN;
    const to = m ? parseDuration(m[2]!, '--partition') : NaN;
    if (!(to > from))
      throw new UsageError('--partition takes FROM-TO with FROM before TO, e.g. 0s-20s.');
    partition = { fromMs: from, toMs: to };
  }
  const base = {
    keys: parseCount(argv.keys, '--keys', 0, SIM_MAX_KEYS),
    valueBytes: parseCount(argv['value-bytes'], '--value-bytes', 1, 1_000_000),
    writes: parseCount(argv.writes, '--writes', 0, SIM_MAX_KEYS),
    writeRate: Number(argv['write-rate']) === 0 ? 0 : positive('write-rate'),
    writeForMs: parseDuration(String(argv['write-for']), '--write-for'),
    peersPerRound: parseCount(argv['peers-per-round'], '--peers-per-round', 1, SIM_MAX_NODES),
    intervalMs: positive('interval-ms'),
    latencyMs: latency,
    bandwidthMbps: positive('bandwidth-mbps'),
    loss: fraction('loss'),
    churn: fraction('churn'),
    downMs: parseDuration(String(argv['down-for']), '--down-for'),
    ...(partition ? { partition } : {}),
    strategy,
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 32 - 1),
    maxRounds: parseCount(argv['max-rounds'], '--max-rounds', 1, SIM_MAX_ROUNDS_LIMIT),
  };
  return nodes.flatMap((n) => selections.map((selection) => ({ ...base, nodes: n, selection })));
}

/** --given FILE: the entries each node of a `run --json` held, for replicas 1..n of every run. */
async function givenFrom(file: string, runs: readonly SimOptions[]): Promise<Given> {
  const { GivenError, parseGiven } = await import('../../sim/given.js');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--given: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); write it with ae-demo run --keys 0 --json > ${file}.`,
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
  if (runs.some((o) => o.nodes < given.nodes))
    throw new UsageError(
      `--given ${file} holds what ${given.nodes} nodes held; pass --nodes ${given.nodes} or more.`,
    );
  return given;
}
