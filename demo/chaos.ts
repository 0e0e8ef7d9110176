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

/** How a random step is drawn: cumulative weights out of 100. */
const WEIGHTS = { put: 62, del: 80, partition: 87, heal: 94, crash: 100 } as const;
/** A killed node stays down for up to this many operations (writes to it are refused). */
const MAX_DOWN_OPS = 12;
/** Keys are drawn from a small space so that writes collide. */
const KEY_SPACE = 40;

/** An acknowledged write: its version, and what it wrote (null: a delete). */
type Acked = { version: Version; value: string | null };

/** Plays `ops` random operations from `seed`, then checks every promise (see the top). */
export async function chaos(
  cluster: Cluster,
  seed: number,
  ops: number,
  progress: (line: string) => void,
): Promise<ChaosReport> {
  const random = rng(seed);
  const n = cluster.nodes.length;
  const pickNode = () => 1 + Math.floor(random() * n);
  const counts = { puts: 0, deletes: 0, direct: 0, failed: 0, partitions: 0, heals: 0, crashes: 0 };
  /** The newest acknowledged write of each key. */
  const acked = new Map<string, Acked>();

  /** Nodes that are down, and the operation at which they come back. */
  const down = new Map<number, number>();
  const restartDue = async (op: number) => {
    for (const [node, at] of down) {
      if (at > op) continue;
      await cluster.restart(node);
      down.delete(node);
    }
  };

  for (let op = 0; op < ops; op++) {
    await restartDue(op);
    const roll = random() * 100;
    const node = pickNode();
    const client = cluster.clients[node - 1]!;
    if (roll < WEIGHTS.del) {
      const key = `chaos:${Math.floor(random() * KEY_SPACE)}`;
      const direct = random() < 0.3;
      const isPut = roll < WEIGHTS.put;
      try {
        const answer = isPut
          ? await client.put(key, `v${op}@${node}`, direct)
          : await client.del(key, direct);
        const value = isPut ? `v${op}@${node}` : null;
        const prior = acked.get(key);
        if (!prior || compareVersions(answer.version, prior.version) > 0)
          acked.set(key, { version: answer.version, value });
        if (isPut) counts.puts += 1;
        else counts.deletes += 1;
        if (direct) counts.direct += 1;
      } catch (error) {
        downOrThrow(error);
        counts.failed += 1; // the node is down: not acknowledged, so not expected anywhere
      }
    } else if (roll < WEIGHTS.partition) {
      const others = othersThan(cluster, node);
      const cut = others.filter(() => random() < 0.5);
      if (cut.length > 0 && (await tryAdmin(() => client.partition(cut)))) counts.partitions += 1;
    } else if (roll < WEIGHTS.heal) {
      if (await tryAdmin(() => client.heal())) counts.heals += 1;
    } else if (!down.has(node)) {
      const back = op + 1 + Math.floor(random() * MAX_DOWN_OPS);
      progress(
        `op ${op}: kill -9 ${cluster.nodes[node - 1]!.id}; it restarts from its data directory at op ${back}`,
      );
      await cluster.kill(node, 'SIGKILL');
      down.set(node, back);
      counts.crashes += 1;
    }
  }
  await restartDue(Number.POSITIVE_INFINITY);

  return { seed, ops, counts, keys: acked.size, ...(await settle(cluster, acked, progress)) };
}

/** Heals, repairs and checks: every broken promise, as one sentence each. */
async function settle(
  cluster: Cluster,
  acked: Map<string, Acked>,
  progress: (line: string) => void,
): Promise<Pick<ChaosReport, 'repairRounds' | 'converged' | 'violations'>> {
  progress('healing every partition and triggering one round');
  await Promise.all(cluster.clients.map((c) => c.heal()));
  const repair = await repairRound(() => cluster.clients[0]!.trigger(), progress);
  const verdict = await verify(cluster);
  const violations = [
    ...repair.unreachable.map(
      (peer) => `${peer} did not answer the repair round in ${repair.rounds} tries`,
    ),
    ...verdict.problems,
    ...(await unlike(cluster, acked)),
  ];
  return { repairRounds: repair.rounds, converged: verdict.converged, violations };
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
