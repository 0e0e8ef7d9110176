// The repair phase's targets, as rows of the benchmark's table (targets.ts): hints repair a
// short outage with no anti-entropy round, within seconds of the node's return, and move no
// more bytes than the one Merkle round that would repair the same writes.
import type { BenchResult, TargetSpec } from './result.js';
import type { RepairRow } from './repair.js';
import { count, fixed } from './target-kinds.js';
import { REPAIR_MISSED } from './repair.js';

const of = (r: BenchResult, path: RepairRow['path']) => r.repair?.find((x) => x.path === path);
const missed = count(REPAIR_MISSED);

export const REPAIR_TARGETS: readonly TargetSpec[] = [
  {
    name: `hints: ${missed} missed writes, bytes over one Merkle round's`,
    measure: (r) => {
      const [hint, merkle] = [of(r, 'hint'), of(r, 'merkle')];
      return hint && merkle ? fixed(hint.bytes / merkle.bytes, 2, 'x') : undefined;
    },
    limit: { atMost: 1 },
    unit: 'x',
    why:
      'a hint is the missed entry itself, batched as replication is; the round must also find ' +
      'the entries (digests down the tree) before it ships the same ones (0.82x measured)',
  },
  {
    name: `hints: ${missed} missed writes, anti-entropy rounds run to repair them`,
    measure: (r) => {
      const hint = of(r, 'hint');
      return hint ? fixed(hint.rounds, 0) : undefined;
    },
    limit: { atMost: 0 },
    unit: '',
    why: 'hinted handoff repairs a short outage with no tree compared',
  },
  {
    name: `hints: ${missed} missed writes, all on the node after its return in`,
    measure: (r) => {
      const hint = of(r, 'hint');
      return hint ? fixed(hint.ms / 1000, 2, ' s') : undefined;
    },
    limit: { atMost: 3 },
    unit: ' s',
    why:
      'the writer tries a peer that has hints every second (the contract: within 2 s of its ' +
      'answering again), then two batches apply them (0.73 s measured)',
  },
];
