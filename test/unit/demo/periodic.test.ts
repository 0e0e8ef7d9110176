// The periodic scenario times convergence from the writes: the nodes' own rounds run while the
// story reads the keys back, so a clock started after those reads would leave out the time the
// nodes took meanwhile. Played here against a fake two-node cluster whose roots meet a fixed
// time after the last write, and whose key reads are slower than that.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { periodic } from '../../../demo/periodic.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { ScenarioContext } from '../../../src/story/scenario.js';

/** The roots meet this long after the last write. */
const CONVERGE_MS = 150;
/** Reading a key back takes longer than that. */
const READ_MS = 300;

function fakeCluster(): Cluster {
  let lastWrite: number | undefined;
  let rounds = 0;
  const nodes = [
    { id: 'node-1', address: '127.0.0.1:1' },
    { id: 'node-2', address: '127.0.0.1:2' },
  ];
  const met = () => lastWrite !== undefined && performance.now() - lastWrite >= CONVERGE_MS;
  const version = (node: string) => ({ wall: 1, logical: 0, node });
  const client = (i: number) => ({
    put: async () => {
      lastWrite = performance.now();
      return { version: version(nodes[i]!.id) };
    },
    key: async () => {
      await delay(READ_MS);
      return {
        address: nodes[i]!.address,
        state: 'value',
        value: 'kim',
        version: version('node-2'),
      };
    },
    snapshot: async () => ({ node: nodes[i]!.id, root: met() ? 'same' : `root-${i}` }),
    stats: async () => ({ antiEntropy: { rounds: (rounds += 1) }, peersPerRound: 1, peers: ['x'] }),
    list: async () => ({ items: [], next: null }),
  });
  return { nodes, clients: [client(0), client(1)] } as unknown as Cluster;
}

describe('periodic scenario', () => {
  it('times convergence from the writes, not from after the story read them back', async () => {
    const shown: string[] = [];
    const ctx: ScenarioContext = {
      cluster: fakeCluster(),
      options: { seed: 1, backgroundKeys: 0 },
      section: async () => {},
      phase: async (_title, work, summary) => {
        const result = await work();
        if (summary) shown.push(summary(result));
        return result;
      },
      show: (event) => {
        if (event.type === 'note') shown.push(event.text);
      },
    };
    const result = await periodic.play(ctx);
    assert.ok(
      result.convergedAfterMs! >= CONVERGE_MS - 5,
      `converged ${result.convergedAfterMs} ms after the writes; the roots met ${CONVERGE_MS} ms after them`,
    );
    assert.match(
      shown[0]!,
      /^every node has the same root \d+\.\d\d s after the writes, with no trigger$/,
    );
    assert.match(shown[1]!, /^Converged \d+\.\d\d s after the writes/);
  });
});
