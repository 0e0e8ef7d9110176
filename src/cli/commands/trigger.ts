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

/** Runs the round and prints its report (a table, or JSON). */
export async function trigger(o: TriggerOptions): Promise<void> {
  const client = new NodeClient(o.address);
  const report = await client.trigger();
  if (o.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${exchangeTable(report, {}, {}, terminalWidth())}\n`);
  process.stdout.write(`round on ${report.node} took ${report.durationMs.toFixed(1)} ms\n`);
}
