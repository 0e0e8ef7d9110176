// `ae-demo inspect KEY`: one key on every node, how each got the version it holds, whether they
// agree, and what LWW will settle on.
import { NodeClient, type KeyState } from '../../cluster/client.js';
import { NodeUnreachableError } from '../../errors.js';
import { versionTime } from '../../format.js';
import { allAgree, lwwWinner, rowStanding, valueText } from '../../cluster/key-state.js';
import { keyTable } from '../render/key-table.js';
import { siblingLines } from '../render/siblings.js';
import { terminalWidth, wrap } from '../render/wrap.js';
import { good, mark } from '../render/style.js';

/** Which key `ae-demo inspect` reads, on which nodes, and how it prints them. */
export interface InspectOptions {
  /** A checked key. */
  key: string;
  addresses: string[];
  /** Sent with every request (the routes it reads are open; a node behind a proxy may want it). */
  clusterKey?: string;
  /** Print JSON instead of a table. */
  json: boolean;
}

/** Reads the key on every node and prints them side by side (a table, or JSON). */
export async function inspectKey(o: InspectOptions): Promise<void> {
  const { key } = o;
  const states = await inspect(key, o.addresses, o.clusterKey);
  // Nobody to compare: say so, instead of a table of unreachable rows and "they disagree".
  if (states.every((s) => s.state === 'unreachable')) {
    throw new NodeUnreachableError(
      'node_unreachable',
      `No node answered (${states[0]?.reason ?? 'unreachable'}); start some with "ae-demo cluster" or pass --nodes.`,
    );
  }
  const agree = allAgree(states);
  const winner = lwwWinner(states);
  const settled = states.find((s) => rowStanding(s, winner) === 'winner');
  if (o.json) {
    const settlesOn = settled
      ? { state: settled.state, value: settled.value, version: settled.version }
      : null;
    process.stdout.write(`${JSON.stringify({ key, nodes: states, agree, settlesOn }, null, 2)}\n`);
  } else {
    process.stdout.write(`${keyTable([key], { [key]: states }, terminalWidth(), true)}\n`);
    for (const line of siblingLines(states, terminalWidth())) process.stdout.write(`${line}\n`);
    const merges = states.some((s) => s.siblings);
    const verdict = agree
      ? `${mark.done()} All ${states.length} nodes agree.`
      : merges
        ? `${mark.differs()} The nodes disagree; anti-entropy will merge their sibling sets, ` +
          'keeping every write no other write has seen.'
        : settled
          ? `${mark.differs()} The nodes disagree; anti-entropy will settle on ${good(settledText(settled))} ` +
            `(${settled.version!.node}, ${versionTime(settled.version!)}): last write wins.`
          : `${mark.differs()} The nodes disagree.`;
    process.stdout.write(`${wrap(verdict, terminalWidth(), '  ')}\n`);
  }
}

/**
 * The key on every node; a node that does not answer is a row that says so. No retries: a
 * person asking a running cluster wants the answer now, not after got's backoff (~4 s).
 */
function inspect(key: string, addresses: string[], clusterKey?: string): Promise<KeyState[]> {
  return Promise.all(
    addresses.map((address) => new NodeClient(address, clusterKey, { retries: 0 }).key(key)),
  );
}

/** A value in quotes, so that it reads as one ("settle on \"other\""); NOT_FOUND and (deleted) as they are. */
function settledText(s: KeyState): string {
  return s.state === 'value' ? JSON.stringify(s.value ?? '') : valueText(s);
}
