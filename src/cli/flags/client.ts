// Flags of the commands that talk to running nodes: --nodes (all of them) and --node (one).
import type { Argv } from 'yargs';
import { NoAnswerError, UsageError } from '../../errors.js';
import { checkKey } from '../../api/checks.js';
import {
  DEFAULT_BASE_PORT,
  DEFAULT_NODE_COUNT,
  defaultAddresses,
  parseAddresses,
} from './values.js';

const DEFAULTS = defaultAddresses(DEFAULT_BASE_PORT, DEFAULT_NODE_COUNT);

export function nodesFlag<T>(y: Argv<T>): Argv<T & { nodes: string; json: boolean }> {
  return y
    .option('nodes', {
      // --connect: the name `run` and `cluster` give nodes that are already running elsewhere;
      // these commands only ever ask running nodes.
      alias: 'connect',
      type: 'string',
      default: DEFAULTS.join(','),
      describe:
        'The nodes to ask, host:port,host:port: running anywhere (containers, other machines); ' +
        'this starts and stops none',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }) as Argv<
    T & { nodes: string; json: boolean }
  >;
}

export function nodeFlag<T>(y: Argv<T>): Argv<T & { node: string; json: boolean }> {
  return y
    .option('node', {
      type: 'string',
      default: DEFAULTS[0]!,
      describe: 'The node to talk to, host:port',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }) as Argv<
    T & { node: string; json: boolean }
  >;
}

/** --nodes: one address or more. */
export function addressesOf(raw: string): string[] {
  const addresses = parseAddresses(raw, '--nodes');
  if (addresses.length === 0)
    throw new UsageError('--nodes needs at least one address, such as 127.0.0.1:9999.');
  return addresses;
}

/** --node: exactly one address. */
export function addressOf(raw: string): string {
  const [address, ...rest] = parseAddresses(raw, '--node');
  if (!address || rest.length > 0)
    throw new UsageError('--node takes one address, such as 127.0.0.1:9999.');
  return address;
}

/** What help says of a <key> argument (inspect, put, del). */
export const KEY_HELP = 'The key, e.g. user:alice';

/** A key given on the command line, checked as a node checks it (a bad one: a UsageError). */
export function keyOf(raw: unknown): string {
  const checked = checkKey(String(raw));
  if (!checked.ok) throw new UsageError(checked.message);
  return checked.value;
}

/**
 * Runs a command that talks to running nodes; a node that does not answer gets a hint that
 * names the command's own address flag (--node or --nodes) beside how to start nodes.
 */
export async function askingNodes(
  flag: '--node' | '--nodes',
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof NoAnswerError)) throw error;
    throw new NoAnswerError(error.address, error.reason, {
      cause: error.cause,
      hint: `Start nodes with "ae-demo cluster" or pass ${flag}.`,
    });
  }
}
