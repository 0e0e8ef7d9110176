// Runs the built executable as a user would, and real clusters on free ports for integration tests.
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { startCluster, type Cluster } from '../../src/cluster/cluster.js';
import { freeBasePort, portIsFree } from './ports.js';
import { until } from './poll.js';

export const BIN = fileURLToPath(new URL('../../../bin/ae-demo.js', import.meta.url));

/** Every command `ae-demo --help` lists, in its order: what the help tests walk through. */
export const COMMANDS = [
  'run',
  'node',
  'inspect',
  'cluster',
  'put',
  'del',
  'trigger',
  'diff',
  'scenarios',
  'chaos',
  'bench',
  'simulate',
  'replay',
] as const;

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** A flag's value: a number or a string, true for a flag that takes none. */
export type FlagValue = string | number | true;

/** Command-line flags from an object, names in camelCase: { maxRounds: 5, json: true } -> --max-rounds 5 --json. */
export function flags(options: Record<string, FlagValue>): string[] {
  return Object.entries(options).flatMap(([name, value]) => {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return value === true ? [flag] : [flag, String(value)];
  });
}

/** Runs `ae-demo ARGS` to completion (killed after timeoutMs) with colour off. */
export async function cli(
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const r = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    env: { NO_COLOR: '1', ...options.env },
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Starts `ae-demo ARGS` and leaves it running (the caller stops it). */
export function spawnCli(args: string[]): ResultPromise {
  return execa(process.execPath, [BIN, ...args], {
    reject: false,
    env: { NO_COLOR: '1' },
    stdin: 'ignore',
    buffer: true,
  });
}

/**
 * A real cluster of node processes on free ports, with periodic anti-entropy off. `nodeArgs` is
 * the same for every node, or a node's own from its number (1-based), as for a data dir each.
 */
export async function testCluster(
  count = 3,
  nodeArgs: string[] | ((node: number) => string[]) = [],
): Promise<Cluster> {
  const basePort = await freeBasePort(count);
  const argsOf = typeof nodeArgs === 'function' ? nodeArgs : () => nodeArgs;
  const withInterval = (args: string[]) =>
    args.includes('--ae-interval') ? args : ['--ae-interval', '0', ...args];
  return startCluster({
    count,
    basePort,
    portFlag: '--base-port',
    nodeArgs: (i) => withInterval(argsOf(i)),
  });
}

/** Asserts, with a deadline, that every port is released. */
export async function portsReleased(ports: number[]): Promise<void> {
  await until(
    `ports ${ports.join(', ')} to be free`,
    async () => (await Promise.all(ports.map(portIsFree))).every(Boolean),
    10_000,
  );
}

/** The ports of n nodes from base. */
export function portRange(base: number, n = 3): number[] {
  return Array.from({ length: n }, (_, i) => base + i);
}
