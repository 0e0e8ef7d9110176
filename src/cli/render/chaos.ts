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
  const held =
    report.conflicts === 'siblings'
      ? `every acknowledged write of the ${report.keys} keys is a sibling on every node or was ` +
        'superseded by a write that had read it: nothing acknowledged lost'
      : `all ${report.keys} keys hold the newest acknowledged write: ` +
        'nothing lost, nothing deleted came back';
  return [
    did,
    `${mark.done()} ${nodes} nodes identical${retried}; ${held}`,
    ...overwritten(report),
  ];
}

/** The acknowledged writes a newer one replaced (lww) or one that read them superseded. */
function overwritten(report: ChaosReport): string[] {
  const n = report.overwritten;
  if (n === undefined) return [];
  return report.conflicts === 'siblings'
    ? [`  ${n} acknowledged writes were superseded by a later write made after reading them`]
    : [
        `  ${n} acknowledged writes were overwritten by last write wins (each acknowledged, ` +
          'then replaced by a newer version, read or not)',
      ];
}
