// What chaos found, as the terminal says it: what it did, then nothing lost or each violation.
import type { ChaosReport } from '../../story/scenario.js';
import { mark } from './style.js';

/** The summary lines of a chaos run on `nodes` nodes. */
export function chaosLines(report: ChaosReport, nodes: number): string[] {
  const c = report.counts;
  const did =
    `seed ${report.seed}: ${report.ops} operations: ` +
    `${c.puts} puts and ${c.deletes} deletes (${c.direct} of them direct), ` +
    `${c.failed} refused by a node that was down, ${c.partitions} partitions, ` +
    `${c.heals} heals, ${c.crashes} kill -9 and restart`;
  if (report.violations.length > 0)
    return [did, ...report.violations.map((v) => `${mark.failed()} ${v}`)];
  const retried =
    report.repairRounds > 1
      ? ` after ${report.repairRounds} triggers (a peer did not answer in time)`
      : '';
  return [
    did,
    `${mark.done()} ${nodes} nodes identical${retried}; ` +
      `all ${report.keys} keys hold the newest acknowledged write: ` +
      'nothing lost, nothing deleted came back',
  ];
}
