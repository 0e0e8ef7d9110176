// What chaos found, as the terminal says it: what it did, how fast the nodes converged after
// each heal and what that moved, then nothing lost or each violation, and a shorter schedule
// that still fails with the command that replays it.
import { bytes, count, plural } from '../../format.js';
import { FAULT_KINDS } from '../../story/chaos.js';
import type { ChaosReport } from '../../story/scenario.js';
import { mark } from './style.js';
import { pathName } from '../../story/repair-words.js';

/** The network faults counted beside the cuts and kills, as the did-line names them. */
const NETWORK = {
  latency: 'latency',
  loss: 'loss',
  duplicate: 'duplication',
  reorder: 'reordering',
  asymmetric: 'one-way cut',
  bridge: 'bridge',
  skew: 'clock skew',
} as const;

/** The did-line: the operations and faults played. */
function did(report: ChaosReport): string {
  const c = report.counts;
  const network = (Object.keys(NETWORK) as (keyof typeof NETWORK)[])
    .filter((k) => report.faults.includes(k))
    .map((k) => `${count(c[k] ?? 0)} ${NETWORK[k]}`);
  return (
    `seed ${report.seed}: ${report.ops} steps: ` +
    `${plural(c.puts, 'put')} and ${plural(c.deletes, 'delete')} (${count(c.direct)} of them direct), ` +
    `${count(c.failed)} refused by a node that was down, ${plural(c.partitions, 'partition')}, ` +
    `${plural(c.heals, 'heal')}, ${count(c.crashes)} kill -9 and restart` +
    (network.length > 0 ? `; faults: ${network.join(', ')}` : '')
  );
}

/** How long convergence took after each heal, and the anti-entropy bytes by the round's faults. */
function convergence(report: ChaosReport): string[] {
  const q = report.convergenceMs;
  if (q.count === 0) return [];
  const kinds = [...FAULT_KINDS, 'none' as const].filter(
    (k) => report.repairBytes[k] !== undefined,
  );
  const moved = kinds.map(
    (k) => `${k === 'none' ? 'no fault' : k} ${bytes(report.repairBytes[k]!)}`,
  );
  return [
    `one root after every heal in p50 ${q.p50} ms, p95 ${q.p95} ms, max ${q.max} ms ` +
      `(${q.count} ${q.count === 1 ? 'round' : 'rounds'})`,
    `anti-entropy bytes from a heal to one root, by the faults of its round: ${moved.join(', ')}`,
  ];
}

/** The summary lines of a chaos run on `nodes` nodes. */
export function chaosLines(report: ChaosReport, nodes: number): string[] {
  const head = [did(report), ...convergence(report)];
  if (report.violations.length > 0)
    return [...head, ...report.violations.map((v) => `${mark.failed()} ${v}`), repaired(report)];
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
    ...head,
    `${mark.done()} ${nodes} nodes identical${retried}; ${held}`,
    ...overwritten(report),
    repaired(report),
  ];
}

/** What each repair path wrote, as the nodes counted it. */
function repaired(report: ChaosReport): string {
  const by = report.repairedBy;
  const paths = (['hint', 'readRepair', 'antiEntropy'] as const).map(
    (p) => `${pathName(p)} ${count(by[p])}`,
  );
  return `  entries repaired, by the path that brought them (the nodes' counters): ${paths.join(', ')}`;
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

/** What the shrinker found, and the command that replays it (`file`: where it was saved). */
export function shrunkLines(report: ChaosReport, file: string, command: string): string[] {
  const s = report.shrunk;
  if (!s) return [];
  if (s.violations.length === 0)
    return [`the failure did not come back when the schedule was replayed; it is saved in ${file}`];
  return [
    `shrunk from ${s.from} to ${s.schedule.steps.length} steps that still fail, first: ` +
      `${s.violations[0]}`,
    `replay it: ${command}`,
  ];
}
