// `ae-demo trigger`: one anti-entropy round on one node, and what it exchanged.
import { NodeClient } from '../../cluster/client.js';
import { exchangeTable } from '../render/exchange-table.js';
import { terminalWidth } from '../render/wrap.js';

/** Which node `ae-demo trigger` asks for a round, and how it prints the report. */
export interface TriggerOptions {
  address: string;
  /** Print the report as JSON instead of a table. */
  json: boolean;
}

/**
 * How long the table waits for a peer's size before the round: a peer that does not answer in
 * a second only leaves its "a full exchange" cell empty (the round itself reports it).
 */
const PEER_SIZE_TIMEOUT_MS = 1_000;

/** Runs the round and prints its report (a table, or JSON). */
export async function trigger(o: TriggerOptions): Promise<void> {
  const client = new NodeClient(o.address);
  if (o.json) {
    process.stdout.write(`${JSON.stringify(await client.trigger(), null, 2)}\n`);
    return;
  }
  const { ids, fullCost } = await beforeRound(client);
  const report = await client.trigger();
  process.stdout.write(`${exchangeTable(report, ids, fullCost, terminalWidth())}\n`);
  process.stdout.write(`round on ${report.node} took ${report.durationMs.toFixed(1)} ms\n`);
}

/**
 * Before the round, as `run` shows it: each peer's id (the table names nodes, not addresses)
 * and what a full exchange with it would ship, both nodes' entries. A peer this CLI cannot reach
 * keeps its address and no full-exchange cost.
 */
async function beforeRound(
  client: NodeClient,
): Promise<{ ids: Record<string, string>; fullCost: Record<string, number> }> {
  const [health, self] = await Promise.all([client.health(), client.snapshot()]);
  const peers = await Promise.all(
    health.peers.map((peer) =>
      new NodeClient(peer, undefined, { retries: 0, timeoutMs: PEER_SIZE_TIMEOUT_MS })
        .snapshot()
        .then((snap) => ({ peer, snap }))
        .catch(() => undefined),
    ),
  );
  const ids: Record<string, string> = {};
  const fullCost: Record<string, number> = {};
  for (const found of peers) {
    if (!found) continue;
    ids[found.peer] = found.snap.node;
    fullCost[found.peer] = self.fullExchangeBytes + found.snap.fullExchangeBytes;
  }
  return { ids, fullCost };
}
