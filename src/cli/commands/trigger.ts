// `ae-demo trigger`: one anti-entropy round on one node, and what it exchanged.
import { NodeClient } from '../../cluster/client.js';
import { addressOf } from '../client-flags.js';
import { exchangeTable } from '../render/exchange-table.js';
import { terminalWidth } from '../render/wrap.js';
import type { TriggerArgs } from '../specs/trigger.js';

/** Runs the round and prints its report (a table, or JSON). */
export async function trigger(argv: TriggerArgs): Promise<void> {
  const client = new NodeClient(addressOf(argv.node));
  const report = await client.trigger();
  if (argv.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${exchangeTable(report, {}, {}, terminalWidth())}\n`);
  process.stdout.write(`round on ${report.node} took ${report.durationMs.toFixed(1)} ms\n`);
}
