// One schedule played against a real cluster, step by step: writes kept when acknowledged,
// faults injected through the nodes' admin routes, kill -9 and restarts, and at each settle
// every fault healed and convergence timed. Then the closing checks: one repair round, every
// node identical, every key the newest acknowledged write.
import { compareVersions } from '../../src/api/version.js';
import { NoAnswerError } from '../../src/errors.js';
import type { FaultKind, Schedule, Step } from '../../src/story/chaos.js';
import type { ChaosReport } from '../../src/story/scenario.js';
import { verify } from '../steps.js';
import { repairRound } from '../repair-round.js';
import { unlike, type Acked } from './check.js';
import { lostSiblings, siblingWrite, type SiblingWrite } from '../chaos-siblings.js';
import type { ConflictMode } from '../../src/api/conflicts.js';
import { isNetworkStep, NetworkFaults } from './network.js';
import { CONVERGENCE_DEADLINE_MS, healAndConverge, type ChaosCluster } from './settle.js';

/** What one play found: its counts, each round's convergence, and every broken promise. */
export type Played = Pick<
  ChaosReport,
  'counts' | 'keys' | 'repairRounds' | 'converged' | 'violations' | 'conflicts' | 'overwritten'
> & {
  convergence: number[];
  repairBytes: ChaosReport['repairBytes'];
};

interface Run {
  cluster: ChaosCluster;
  /** Put before every key and value, so a replay on the same nodes meets none of the last one's. */
  tag: string;
  counts: ChaosReport['counts'];
  acked: Map<string, Acked>;
  /** Siblings mode: every acknowledged write (none in lww mode). */
  siblings?: SiblingWrite[];
  down: Set<number>;
  net: NetworkFaults;
  /** Kinds injected since the last settle. */
  segment: Set<FaultKind>;
  played: Played;
  progress: (line: string) => void;
}

/** Plays every step of `schedule`, then settles and checks (see the top). */
export async function play(
  cluster: ChaosCluster,
  schedule: Schedule,
  o: { seed: number; tag: string; progress: (line: string) => void; conflicts?: ConflictMode },
): Promise<Played> {
  const counts = { puts: 0, deletes: 0, direct: 0, failed: 0, partitions: 0, heals: 0, crashes: 0 };
  const played: Played = {
    counts,
    keys: 0,
    repairRounds: 0,
    converged: false,
    violations: [],
    convergence: [],
    repairBytes: {},
  };
  const addresses = cluster.nodes.map((n) => n.address);
  const run: Run = {
    ...(o.conflicts === 'siblings' ? { siblings: [] } : {}),
    cluster,
    tag: o.tag,
    counts,
    acked: new Map(),
    down: new Set(),
    net: new NetworkFaults(addresses, o.seed),
    segment: new Set(),
    played,
    progress: o.progress,
  };
  for (const step of schedule.steps) await perform(run, step);
  if (schedule.steps.at(-1)?.op !== 'settle') await settle(run);
  await finish(run);
  return played;
}

/** One step. */
async function perform(run: Run, step: Step): Promise<void> {
  const { cluster, counts } = run;
  if (step.op === 'settle') return settle(run);
  if (step.op === 'put' || step.op === 'del') return write(run, step);
  if (step.op === 'restart') return restart(run, step.node);
  const client = cluster.clients[step.node - 1]!;
  const address = (k: number) => cluster.nodes[k - 1]!.address;
  if (step.op === 'crash') {
    if (run.down.has(step.node) || !cluster.canKill) return; // nodes it cannot kill stay up
    run.progress(
      `step ${step.id}: kill -9 ${cluster.nodes[step.node - 1]!.id}; it restarts from its data directory`,
    );
    await cluster.kill(step.node, 'SIGKILL');
    run.down.add(step.node);
    run.net.clear(step.node);
    counts.crashes += 1;
    run.segment.add('crash');
  } else if (step.op === 'heal') {
    if (await tryAdmin(() => client.heal())) counts.heals += 1;
    run.net.clear(step.node);
  } else if (step.op === 'partition') {
    if (await tryAdmin(() => client.partition(step.peers.map(address)))) {
      counts.partitions += 1;
      run.segment.add('partition');
    }
  } else if (step.op === 'bridge') {
    const [left, right] = step.halves;
    const cuts = [...left.map((k) => [k, right] as const), ...right.map((k) => [k, left] as const)];
    const done = await Promise.all(
      cuts.map(([k, far]) => tryAdmin(() => cluster.clients[k - 1]!.partition(far.map(address)))),
    );
    if (done.some(Boolean)) count(run, 'bridge');
  } else if (isNetworkStep(step)) {
    const request = run.net.add(step);
    if (await tryAdmin(() => client.faults(request)))
      count(run, step.op === 'asymmetric' ? 'asymmetric' : step.op);
  }
}

/** One more fault of `kind` injected. */
function count(run: Run, kind: Exclude<FaultKind, 'partition' | 'crash'>): void {
  run.counts[kind] = (run.counts[kind] ?? 0) + 1;
  run.segment.add(kind);
}

/** A put or a delete of the step's key through its node, and its ack kept. */
async function write(run: Run, step: Extract<Step, { op: 'put' | 'del' }>): Promise<void> {
  const { counts, acked } = run;
  const client = run.cluster.clients[step.node - 1]!;
  const key = `chaos:${run.tag}${step.key}`;
  const isPut = step.op === 'put';
  const value = isPut ? `v${step.id}@${step.node}${run.tag ? `:${run.tag}` : ''}` : null;
  try {
    if (run.siblings) {
      // Half the writes after a read of the node (with its context), half blind.
      const address = run.cluster.nodes[step.node - 1]!.address;
      run.siblings.push(await siblingWrite(address, key, value, step.direct, step.id % 2 === 0));
    } else {
      const answer =
        value !== null
          ? await client.put(key, value, step.direct)
          : await client.del(key, step.direct);
      const prior = acked.get(key);
      if (!prior || compareVersions(answer.version, prior.version) > 0)
        acked.set(key, { version: answer.version, value });
    }
    if (isPut) counts.puts += 1;
    else counts.deletes += 1;
    if (step.direct) counts.direct += 1;
  } catch (error) {
    downOrThrow(error);
    counts.failed += 1; // the node is down: not acknowledged, so not expected anywhere
  }
}

async function restart(run: Run, node: number): Promise<void> {
  if (!run.down.has(node)) return;
  await run.cluster.restart(node);
  run.down.delete(node);
  run.net.clear(node);
}

/** A round's end: every node up and healed, convergence timed, its bytes put to the round's kinds. */
async function settle(run: Run): Promise<void> {
  for (const node of [...run.down].sort()) await restart(run, node);
  for (let node = 1; node <= run.cluster.nodes.length; node++) run.net.clear(node);
  const settled = await healAndConverge(run.cluster);
  const { played } = run;
  if (settled.ms === undefined)
    played.violations.push(
      `the nodes did not converge within ${CONVERGENCE_DEADLINE_MS} ms of a heal`,
    );
  else played.convergence.push(settled.ms);
  const kinds = run.segment.size > 0 ? [...run.segment] : (['none'] as const);
  for (const kind of kinds)
    played.repairBytes[kind] = (played.repairBytes[kind] ?? 0) + settled.bytes;
  run.segment.clear();
}

/** One repair round, then every node identical and every acknowledged write where it should be. */
async function finish(run: Run): Promise<void> {
  const { cluster, played } = run;
  const repair = await repairRound(() => cluster.clients[0]!.trigger(), run.progress);
  const verdict = await verify(cluster);
  played.repairRounds = repair.rounds;
  played.converged = verdict.converged;
  const lost = run.siblings ? await lostSiblings(cluster, run.siblings) : undefined;
  played.keys = run.siblings ? new Set(run.siblings.map((w) => w.key)).size : run.acked.size;
  played.violations.push(
    ...repair.unreachable.map(
      (peer) => `${peer} did not answer the repair round in ${repair.rounds} tries`,
    ),
    ...verdict.problems,
    ...(lost ? lost.violations : await unlike(cluster, run.acked)),
  );
  if (run.siblings) played.conflicts = 'siblings';
  const { puts, deletes } = run.counts;
  played.overwritten = lost ? lost.superseded : puts + deletes - run.acked.size;
}

/** Admin calls to a node that is down fail; chaos carries on. */
async function tryAdmin(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    downOrThrow(error);
    return false;
  }
}

/** A node that did not answer is down (chaos killed it); any other failure is a real one. */
function downOrThrow(error: unknown): void {
  if (!(error instanceof NoAnswerError)) throw error;
}
