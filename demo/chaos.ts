// A randomized, reproducible run against a real cluster with data directories: puts and
// deletes, direct and replicated, through random nodes, with partitions, kills (SIGKILL) and
// restarts among them; then heal, trigger, and check that every node is identical and every
// key holds the last-write-wins maximum of the acknowledged writes: nothing acknowledged lost,
// nothing deleted come back, nothing from nowhere.
import type { Cluster } from '../src/cluster/cluster.js';
import { NoAnswerError } from '../src/errors.js';
import { compareVersions, type Version } from '../src/api/version.js';
import { othersThan, verify } from './steps.js';
import { rng } from './random.js';
import type { ChaosReport } from '../src/story/scenario.js';
import { repairRound } from './repair-round.js';
import { lostSiblings, siblingWrite, type SiblingWrite } from './chaos-siblings.js';
import type { ConflictMode } from '../src/api/conflicts.js';

/** How a random step is drawn: cumulative weights out of 100. */
const WEIGHTS = { put: 62, del: 80, partition: 87, heal: 94, crash: 100 } as const;
/** A killed node stays down for up to this many operations (writes to it are refused). */
const MAX_DOWN_OPS = 12;
/** Keys are drawn from a small space so that writes collide. */
const KEY_SPACE = 40;

/** An acknowledged write: its version, and what it wrote (null: a delete). */
type Acked = { version: Version; value: string | null };

/** What a run keeps while it plays: its random stream, the cluster and what it did to it. */
interface Play {
  cluster: Cluster;
  random: () => number;
  counts: ChaosReport['counts'];
  /** The newest acknowledged write of each key. */
  acked: Map<string, Acked>;
  /** Siblings mode: every acknowledged write (none in lww mode). */
  siblings?: SiblingWrite[];
  /** Nodes that are down, and the operation at which they come back. */
  down: Map<number, number>;
  progress: (line: string) => void;
}

/** Plays `ops` random operations from `seed`, then checks every promise (see the top). */
export async function chaos(
  cluster: Cluster,
  seed: number,
  ops: number,
  progress: (line: string) => void,
  conflicts: ConflictMode = 'lww',
): Promise<ChaosReport> {
  const play: Play = {
    ...(conflicts === 'siblings' ? { siblings: [] } : {}),
    cluster,
    random: rng(seed),
    counts: { puts: 0, deletes: 0, direct: 0, failed: 0, partitions: 0, heals: 0, crashes: 0 },
    acked: new Map(),
    down: new Map(),
    progress,
  };
  for (let op = 0; op < ops; op++) {
    await restartDue(play, op);
    await step(play, op);
  }
  await restartDue(play, Number.POSITIVE_INFINITY);
  const { counts, acked } = play;
  const keys = play.siblings ? new Set(play.siblings.map((w) => w.key)).size : acked.size;
  return { seed, ops, counts, keys, ...(await settle(play)) };
}

/** Restarts every node whose time down is over by operation `op`. */
async function restartDue(play: Play, op: number): Promise<void> {
  for (const [node, at] of play.down) {
    if (at > op) continue;
    await play.cluster.restart(node);
    play.down.delete(node);
  }
}

/** One random operation: what (by the weights) and on which node, then that operation. */
async function step(play: Play, op: number): Promise<void> {
  const { cluster, random, counts } = play;
  const roll = random() * 100;
  const node = 1 + Math.floor(random() * cluster.nodes.length);
  const client = cluster.clients[node - 1]!;
  if (roll < WEIGHTS.del) await write(play, op, node, roll < WEIGHTS.put);
  else if (roll < WEIGHTS.partition) {
    const cut = othersThan(cluster, node).filter(() => random() < 0.5);
    if (cut.length > 0 && (await tryAdmin(() => client.partition(cut)))) counts.partitions += 1;
  } else if (roll < WEIGHTS.heal) {
    if (await tryAdmin(() => client.heal())) counts.heals += 1;
  } else if (!play.down.has(node) && cluster.canKill) await crash(play, op, node);
}

/** A put or a delete of a random key through `node`, direct or replicated, and its ack kept. */
async function write(play: Play, op: number, node: number, isPut: boolean): Promise<void> {
  const { random, counts, acked } = play;
  const client = play.cluster.clients[node - 1]!;
  const key = `chaos:${Math.floor(random() * KEY_SPACE)}`;
  const direct = random() < 0.3;
  try {
    const value = isPut ? `v${op}@${node}` : null;
    if (play.siblings) {
      const address = play.cluster.nodes[node - 1]!.address;
      play.siblings.push(await siblingWrite(address, key, value, direct, random() < 0.5));
    } else {
      const answer =
        value !== null ? await client.put(key, value, direct) : await client.del(key, direct);
      const prior = acked.get(key);
      if (!prior || compareVersions(answer.version, prior.version) > 0)
        acked.set(key, { version: answer.version, value });
    }
    if (isPut) counts.puts += 1;
    else counts.deletes += 1;
    if (direct) counts.direct += 1;
  } catch (error) {
    downOrThrow(error);
    counts.failed += 1; // the node is down: not acknowledged, so not expected anywhere
  }
}

/** kill -9 of `node`; it restarts from its data directory a few operations later. */
async function crash(play: Play, op: number, node: number): Promise<void> {
  const back = op + 1 + Math.floor(play.random() * MAX_DOWN_OPS);
  play.progress(
    `op ${op}: kill -9 ${play.cluster.nodes[node - 1]!.id}; it restarts from its data directory at op ${back}`,
  );
  await play.cluster.kill(node, 'SIGKILL');
  play.down.set(node, back);
  play.counts.crashes += 1;
}

/**
 * Heals, repairs and checks: every broken promise, as one sentence each; and how many
 * acknowledged writes another write overwrote (lww) or superseded (siblings), as information.
 */
async function settle(
  play: Play,
): Promise<Pick<ChaosReport, 'repairRounds' | 'converged' | 'violations' | 'overwritten'>> {
  const { cluster, acked, progress } = play;
  progress('healing every partition and triggering one round');
  await Promise.all(cluster.clients.map((c) => c.heal()));
  const repair = await repairRound(() => cluster.clients[0]!.trigger(), progress);
  const verdict = await verify(cluster);
  const violations = [
    ...repair.unreachable.map(
      (peer) => `${peer} did not answer the repair round in ${repair.rounds} tries`,
    ),
    ...verdict.problems,
  ];
  const lost = play.siblings ? await lostSiblings(cluster, play.siblings) : undefined;
  violations.push(...(lost ? lost.violations : await unlike(cluster, acked)));
  const { puts, deletes } = play.counts;
  return {
    repairRounds: repair.rounds,
    converged: verdict.converged,
    violations,
    ...(play.siblings ? { conflicts: 'siblings' as const } : {}),
    overwritten: lost ? lost.superseded : puts + deletes - acked.size,
  };
}

/** Every node's copy of every acknowledged key that is not the acknowledged write. */
async function unlike(cluster: Cluster, acked: Map<string, Acked>): Promise<string[]> {
  const found: string[] = [];
  for (const [key, expected] of acked) {
    const states = await Promise.all(cluster.clients.map((c) => c.key(key)));
    states.forEach((s, i) => {
      const id = cluster.nodes[i]!.id;
      const same = s.version !== null && compareVersions(s.version, expected.version) === 0;
      if (!same) {
        const had = s.version ? versionLabel(s.version) : 'nothing';
        const kind = expected.value === null ? 'delete' : 'write';
        found.push(
          `"${key}" on ${id}: ${had}, expected the acknowledged ${kind} ${versionLabel(expected.version)}`,
        );
      } else if ((expected.value === null) !== (s.state !== 'value')) {
        found.push(
          `"${key}" on ${id}: ${s.state}, expected ${expected.value === null ? 'deleted' : 'a value'}`,
        );
      }
    });
  }
  return found;
}

/** A version as node@wall.logical. */
function versionLabel(v: Version): string {
  return `${v.node}@${v.wall}.${v.logical}`;
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
