// What each command is given: a table of command lines and the options (or the usage error)
// they must turn into. Each line goes through yargs with the command's own flags, as main.ts
// parses it, and through the spec's argv -> options mapping; nothing runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scenarios } from '../../../demo/index.js';
import { CLUSTER_KEY_ENV } from '../../../src/api/process.js';
import { UsageError } from '../../../src/errors.js';
import { benchCommand } from '../../../src/cli/specs/bench.js';
import { PHASES } from '../../../src/bench/result.js';
import { chaosCommand } from '../../../src/cli/specs/chaos.js';
import { clusterCommand } from '../../../src/cli/specs/cluster.js';
import { diffCommand } from '../../../src/cli/specs/diff.js';
import { inspectCommand } from '../../../src/cli/specs/inspect.js';
import { nodeCommand } from '../../../src/cli/specs/node.js';
import { runCommand } from '../../../src/cli/specs/run.js';
import { scenariosCommand } from '../../../src/cli/specs/scenarios.js';
import { simulateCommand } from '../../../src/cli/specs/simulate.js';
import { replayCommand } from '../../../src/cli/specs/replay.js';
import { triggerCommand } from '../../../src/cli/specs/trigger.js';
import { delCommand, putCommand } from '../../../src/cli/specs/write.js';
import { yargs } from '../../../src/cli/yargs/factory.js';
import { COMMANDS } from '../../helpers/cli.js';
import type { Command } from '../../../src/cli/yargs/lazy.js';

/** Every phase of the benchmark, in order: what bench runs without --only. */
const ALL_PHASES = [...PHASES];

/** One command line (after the command's name) and what it must give: options, or an error. */
type Case = { args: string[] } & ({ options: unknown } | { error: RegExp });

/** The options a command line gives, parsed by yargs with the command's flags as main.ts does. */
async function optionsOf<A, O>(cmd: Command<A, O>, args: string[]): Promise<O> {
  let given: { options: O } | undefined;
  await yargs([String(cmd.command).split(' ')[0]!, ...args])
    .command({ ...cmd, handler: (argv) => void (given = { options: cmd.options(argv) }) })
    .strict()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .parseAsync();
  assert.ok(given, 'the command ran');
  return given.options;
}

const NODES = ['127.0.0.1:9999', '127.0.0.1:10000', '127.0.0.1:10001'];
/** Two nodes that run elsewhere, as --connect names them. */
const TWO = ['10.0.0.1:9999', '10.0.0.2:9999'];
const CLUSTER = { count: 3, basePort: 9999, strategy: 'merkle' };
const seed = scenarios.find((s) => s.name === 'seed')!;
const RUN = {
  scenario: seed,
  ...CLUSTER,
  json: false,
  step: false,
  keep: false,
  seed: 1,
  keys: 1000,
  messages: false,
};
const SIM = {
  keys: 1000,
  valueBytes: 100,
  writes: 10,
  writeRate: 0,
  writeForMs: 10_000,
  peersPerRound: 1,
  intervalMs: 1000,
  latencyMs: 5,
  bandwidthMbps: 100,
  loss: 0,
  churn: 0,
  downMs: 3000,
  strategy: 'merkle',
  seed: 1,
  maxRounds: 2000,
  nodes: 64,
  selection: 'random',
};
const NODE = {
  port: 0,
  host: '127.0.0.1',
  peers: [],
  aeIntervalMs: 30_000,
  strategy: 'merkle',
  tombstoneTtlMs: 86_400_000,
  hints: { enabled: true, windowMs: 10_800_000 },
  maxValueBytes: 1_048_576,
  clockSkewMs: 0,
  scrubIntervalMs: 3_600_000,
};
const never = () => Promise.reject(new Error('chaos is not played here'));
/** chaos's options when no flag is given. */
const CHAOS = {
  ...CLUSTER,
  seed: 1,
  ops: 300,
  json: false,
  faults: ['partition', 'crash'],
  shrink: true,
};

/** A command's name, its command lines, and how one is parsed into options. */
interface Row {
  name: string;
  parse: (args: string[]) => Promise<unknown>;
  cases: Case[];
}
const row = <A, O>(cmd: Command<A, O>, cases: Case[]): Row => ({
  name: String(cmd.command).split(' ')[0]!,
  parse: (args) => optionsOf(cmd, args),
  cases,
});

const TABLE: Row[] = [
  row(runCommand(scenarios), [
    { args: [], options: RUN },
    {
      args: ['--nodes', '5', '--base-port', '20000', '--ae-strategy', 'riblt', '--keys', '0'],
      options: { ...RUN, count: 5, basePort: 20000, strategy: 'riblt', keys: 0 },
    },
    // --step waits for Enter, which a --json run never shows.
    { args: ['--json', '--step'], options: { ...RUN, json: true } },
    {
      args: ['--web', '--report', 'run.html', '--ae-peers-per-round', '1'],
      options: { ...RUN, peersPerRound: 1, webPort: 0, report: 'run.html' },
    },
    { args: ['--scenario', 'nope'], error: /^There is no scenario "nope"; choose one of seed,/ },
    { args: ['--scenario', 'clock-skew', '--nodes', '2'], error: /needs at least 3 nodes/ },
    { args: ['--nodes', '1'], error: /^--nodes must be a whole number from 2 to 9, not "1"\.$/ },
    { args: ['--web-port', '8080'], error: /^--web-port only means something with --web;/ },
    {
      args: ['--connect', TWO.join(','), '--cluster-key', 'k', '--restart-command', 'r {id}'],
      options: { ...RUN, count: 2, connect: TWO, commands: { restart: 'r {id}' }, clusterKey: 'k' },
    },
    {
      args: ['--connect', TWO.join(','), '--scenario', 'crash', '--nodes', '3'],
      error:
        /^Scenario crash kills and restarts a node, which --connect can do only through a command of yours: add --restart-command/,
    },
    {
      args: ['--kill-command', 'k {id}'],
      error: /^--kill-command is for nodes given by --connect;/,
    },
    {
      args: ['--connect', TWO.join(','), '--kill-command', 'k {id}'],
      error: /^--kill-command needs --restart-command too/,
    },
    // Without --connect the key is the one run's own nodes start with (not a fresh one).
    { args: ['--cluster-key', 'k'], options: { ...RUN, clusterKey: 'k' } },
    { args: ['--cluster-key', ''], error: /^--cluster-key is empty;/ },
    {
      args: ['--connect', TWO.join(','), '--cluster-key', 'k', '--cluster-key-file', 'f'],
      error: /^Give the cluster key once/,
    },
    {
      args: ['--connect', TWO.join(','), '--cluster-key-file', '/nonexistent/key'],
      error: /^--cluster-key-file \/nonexistent\/key cannot be read: there is no such file\.$/,
    },
    // The message lists go with the tables, which a --json run never draws.
    {
      args: ['--messages', '--record', 'run.jsonl'],
      options: { ...RUN, messages: true, record: 'run.jsonl' },
    },
    { args: ['--messages', '--json'], options: { ...RUN, json: true } },
  ]),
  row(nodeCommand, [
    { args: ['--port', '0'], options: NODE },
    {
      args: ['--port', '9999', '--id', 'n1', '--peers', '127.0.0.1:10000,127.0.0.1:10001'],
      options: { ...NODE, port: 9999, id: 'n1', peers: NODES.slice(1) },
    },
    {
      args: ['--port', '1', '--ae-strategy', 'riblt', '--tombstone-ttl', '90s'],
      options: { ...NODE, port: 1, strategy: 'riblt', tombstoneTtlMs: 90_000 },
    },
    {
      args: ['--port', '1', '--clock-skew-ms', '-500', '--data-dir', 'd', '--cluster-key', 'k'],
      options: { ...NODE, port: 1, clockSkewMs: -500, dataDir: 'd', clusterKey: 'k' },
    },
    {
      args: ['--port', '1', '--data-dir', 'd', '--scrub-interval', '0'],
      options: { ...NODE, port: 1, dataDir: 'd', scrubIntervalMs: 0 },
    },
    {
      args: ['--port', '1', '--scrub-interval', '10m'],
      options: { ...NODE, port: 1, scrubIntervalMs: 600_000 },
    },
    {
      args: ['--port', '1', '--scrub-interval', 'often'],
      error: /^--scrub-interval takes a duration/,
    },
    { args: ['--port', '70000'], error: /^--port must be a port number from 0 to 65535/ },
    { args: ['--port', '1', '--peers', 'nowhere'], error: /^--peers: "nowhere" is not an/ },
  ]),
  row(inspectCommand, [
    { args: ['user:alice'], options: { key: 'user:alice', addresses: NODES, json: false } },
    {
      args: ['k', '--nodes', '127.0.0.1:20000', '--json'],
      options: { key: 'k', addresses: ['127.0.0.1:20000'], json: true },
    },
    {
      args: ['k', '--connect', TWO.join(','), '--cluster-key', 's3cret'],
      options: { key: 'k', addresses: TWO, json: false, clusterKey: 's3cret' },
    },
    // The key is checked before the nodes.
    { args: ['', '--nodes', 'x'], error: /^The key is empty;/ },
    { args: ['k', '--nodes', ''], error: /^--nodes needs at least one address/ },
  ]),
  row(clusterCommand, [
    { args: [], options: { ...CLUSTER, intervalMs: 0 } },
    {
      args: ['--nodes', '9', '--ae-interval', '2000', '--ae-peers-per-round', '1'],
      options: { ...CLUSTER, count: 9, intervalMs: 2000, peersPerRound: 1 },
    },
    {
      args: ['--web', '--web-port', '8080'],
      options: { ...CLUSTER, intervalMs: 0, webPort: 8080 },
    },
    {
      args: ['--web', '--record', 'c.jsonl'],
      options: { ...CLUSTER, intervalMs: 0, webPort: 0, record: 'c.jsonl' },
    },
    {
      args: ['--record', 'c.jsonl'],
      error: /^--record records what the live page sees; add --web/,
    },
    {
      args: ['--base-port', '65535'],
      error:
        /^--base-port 65535 puts node 3 on port 65537, past 65535; choose --base-port 65533 or lower, or fewer --nodes\.$/,
    },
    { args: ['--ae-interval', '-1'], error: /^--ae-interval must be a whole number from 0/ },
    {
      args: ['--web', '--connect', TWO.join(','), '--cluster-key', 'k', '--restart-command', 'r'],
      options: {
        ...CLUSTER,
        count: 2,
        intervalMs: 0,
        webPort: 0,
        connect: TWO,
        commands: { restart: 'r' },
        clusterKey: { value: 'k', source: 'flag' },
      },
    },
    {
      args: ['--connect', TWO.join(',')],
      error: /^cluster --connect shows running nodes on the live page; add --web/,
    },
    {
      args: ['--restart-command', 'r'],
      error: /^--restart-command is for nodes given by --connect/,
    },
  ]),
  row(putCommand, [
    {
      args: ['user:alice', 'alice_data'],
      options: {
        address: NODES[0],
        key: 'user:alice',
        direct: false,
        json: false,
        value: 'alice_data',
      },
    },
    {
      args: ['k', 'v', '--node', '127.0.0.1:10000', '--direct', '--json'],
      options: { address: NODES[1], key: 'k', direct: true, json: true, value: 'v' },
    },
    // The node is checked before the key.
    { args: ['', 'v', '--node', 'x'], error: /^--node: "x" is not an address/ },
    { args: ['', 'v'], error: /^The key is empty;/ },
  ]),
  row(delCommand, [
    { args: ['k'], options: { address: NODES[0], key: 'k', direct: false, json: false } },
    {
      args: ['k', '--node', '127.0.0.1:10001', '--direct'],
      options: { address: NODES[2], key: 'k', direct: true, json: false },
    },
    { args: ['k', '--node', 'a:1,b:2'], error: /^--node takes one address/ },
  ]),
  row(triggerCommand, [
    { args: [], options: { address: NODES[0], json: false } },
    { args: ['--node', '127.0.0.1:10001', '--json'], options: { address: NODES[2], json: true } },
    { args: ['--node', ''], error: /^--node takes one address/ },
  ]),
  row(diffCommand, [
    { args: [], options: { addresses: NODES, json: false } },
    {
      args: ['--nodes', '127.0.0.1:9999, 127.0.0.1:10000', '--json'],
      options: { addresses: NODES.slice(0, 2), json: true },
    },
    { args: ['--nodes', '127.0.0.1:9999,zz'], error: /^--nodes: "zz" is not an address/ },
  ]),
  row(scenariosCommand(scenarios), [{ args: [], options: scenarios }]),
  row(chaosCommand(never), [
    { args: [], options: CHAOS },
    {
      args: [
        '--seed',
        '7',
        '--ops',
        '500',
        '--nodes',
        '5',
        '--json',
        '--faults',
        'loss,skew',
        '--no-shrink',
      ],
      options: {
        ...CLUSTER,
        count: 5,
        seed: 7,
        ops: 500,
        json: true,
        faults: ['loss', 'skew'],
        shrink: false,
      },
    },
    { args: ['--ops', '0'], error: /^--ops must be a whole number from 1 to 100000/ },
    {
      // Its own nodes start with the key given, as run's do.
      args: ['--cluster-key', 'k'],
      options: { ...CHAOS, clusterKey: 'k' },
    },
    {
      args: ['--connect', TWO.join(','), '--kill-command', 'k {id}', '--restart-command', 'r {id}'],
      options: {
        ...CHAOS,
        count: 2,
        connect: TWO,
        commands: { kill: 'k {id}', restart: 'r {id}' },
      },
    },
    {
      args: ['--restart-command', ' '],
      error: /^--restart-command is for nodes given by --connect/,
    },
    {
      args: ['--connect', TWO.join(','), '--restart-command', ' '],
      error: /^--restart-command is empty/,
    },
    { args: ['--faults', 'los'], error: /^--faults takes a list of partition, crash, latency/ },
    {
      args: ['--schedule', '/nonexistent/s.json'],
      error: /^--schedule \/nonexistent\/s.json cannot be read/,
    },
  ]),
  row(benchCommand, [
    {
      args: [],
      options: { json: false, phases: ALL_PHASES, large: false, durationS: 5, check: false },
    },
    {
      args: ['--large', '--ae-strategy', 'riblt', '--duration', '10', '--json'],
      options: {
        json: true,
        phases: ALL_PHASES,
        large: true,
        strategy: 'riblt',
        durationS: 10,
        check: false,
      },
    },
    {
      args: ['--only', 'tree,exchange', '--keys', '1000,5000', '--check'],
      options: {
        json: false,
        phases: ['exchange', 'tree'],
        sizes: [1000, 5000],
        large: false,
        durationS: 5,
        check: true,
      },
    },
    {
      args: ['--only', 'exchange,disk'],
      error: /^--only takes exchange, throughput, .* not "disk"/,
    },
    { args: ['--keys', '0'], error: /^--keys must be a whole number from 1 to 10000000/ },
    { args: ['--duration', '0'], error: /^--duration must be a whole number from 1 to 600/ },
    { args: ['--ae-strategy', 'best'], error: /^Invalid values:/ },
  ]),
  row(simulateCommand, [
    { args: [], options: { runs: [SIM], json: false } },
    {
      args: ['--nodes', '16,64', '--selection', 'random,ring', '--json'],
      options: {
        runs: [
          { ...SIM, nodes: 16, selection: 'random' },
          { ...SIM, nodes: 16, selection: 'ring' },
          { ...SIM, nodes: 64, selection: 'random' },
          { ...SIM, nodes: 64, selection: 'ring' },
        ],
        json: true,
      },
    },
    {
      args: ['--loss', '0.1', '--partition', '2s-10s', '--down-for', '1m', '--report', 's.html'],
      options: {
        runs: [{ ...SIM, loss: 0.1, downMs: 60_000, partition: { fromMs: 2000, toMs: 10_000 } }],
        json: false,
        report: 's.html',
      },
    },
    {
      args: ['--given', 'seed.json', '--plot', 'r.svg', '--write-rate', '50'],
      options: {
        runs: [{ ...SIM, writeRate: 50 }],
        json: false,
        plot: 'r.svg',
        given: 'seed.json',
      },
    },
    // The tree hashed as a cluster with this key hashes it (what --given needs for a keyed run).
    {
      args: ['--given', 'seed.json', '--cluster-key', 'k'],
      options: { runs: [{ ...SIM, clusterKey: 'k' }], json: false, given: 'seed.json' },
    },
    {
      args: ['--cluster-key', 'k', '--cluster-key-file', 'f'],
      error: /^Give the cluster key once/,
    },
    {
      args: ['--cluster-key-file', '/nonexistent/key'],
      error: /^--cluster-key-file \/nonexistent\/key cannot be read: there is no such file\.$/,
    },
    { args: ['--loss', '2'], error: /^--loss must be a number from 0 to 1, not "2"\.$/ },
    { args: ['--partition', '10s-2s'], error: /^--partition takes FROM-TO with FROM before TO/ },
    { args: ['--selection', 'best'], error: /^--selection takes all, random, ring/ },
    { args: ['--nodes', '1'], error: /^--nodes must be a whole number from 2/ },
  ]),
  row(replayCommand, [
    { args: ['run.jsonl'], options: { file: 'run.jsonl', json: false, messages: false } },
    {
      args: ['r.jsonl', '--json', '--report', 'r.html', '--export-shiviz', 'r.log', '--web'],
      options: {
        file: 'r.jsonl',
        json: true,
        messages: false,
        report: 'r.html',
        shiviz: 'r.log',
        webPort: 0,
      },
    },
    { args: ['r.jsonl', '--web-port', '8080'], error: /^--web-port only means something/ },
  ]),
];

describe('each command line gives its command these options', () => {
  // A cluster key in the environment would be one more option of every node.
  delete process.env[CLUSTER_KEY_ENV];
  for (const { name, parse, cases } of TABLE) {
    it(`${name}: ${cases.length} command lines`, async () => {
      for (const c of cases) {
        const line = `ae-demo ${name} ${c.args.join(' ')}`;
        if ('error' in c)
          await assert.rejects(
            parse(c.args),
            (e) => e instanceof UsageError && c.error.test(e.message),
            line,
          );
        else assert.deepEqual(await parse(c.args), c.options, line);
      }
    });
  }

  it('the table has every command that ae-demo --help lists', () => {
    const tested = TABLE.map((r) => r.name);
    assert.deepEqual(tested, [...COMMANDS]);
  });
});
