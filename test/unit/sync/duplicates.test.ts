// One trigger converges three replicas even when every exchange message reaches its peer twice,
// the second copy late (after the next message was answered): what a copy sent again after the
// retry wait does when the first was only slow. Merkle, riblt and full.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Replica, Transport } from '../../../src/node/sync/exchange.js';
import { STRATEGIES } from '../../../src/api/strategies.js';
import { triggeredRound } from '../../helpers/round.js';
import { dump, entry, replica, wire } from '../../helpers/replica.js';

const SYMBOLS = 4096;
const SHARED = 30;

/** Each message is answered, and the previous one reaches the peer again just before it. */
function lateCopies(peer: Replica, late: Buffer[]): Transport {
  const send = wire(peer);
  return async (body) => {
    const stale = late.shift();
    if (stale) await send(stale);
    late.push(Buffer.from(body));
    return send(body);
  };
}

async function three() {
  const nodes = [await replica(SYMBOLS), await replica(SYMBOLS), await replica(SYMBOLS)];
  for (let i = 0; i < SHARED; i++)
    for (const r of nodes) r.merge(entry(`key:${i}`, `v${i}`, 1_000_000 + i));
  nodes.forEach((r, n) => {
    r.merge(entry(`only-${n}`, `o${n}`, 2_000_000 + n, `n${n}`));
    r.merge(entry(`key:${n}`, `new${n}`, 3_000_000 + n, `n${n}`));
    r.merge(entry(`key:${n + 10}`, null, 3_100_000 + n, `n${n}`));
  });
  return nodes;
}

describe('one trigger converges three replicas when every message arrives twice', () => {
  for (const strategy of STRATEGIES) {
    it(strategy, async () => {
      const nodes = await three();
      const late = new Map<string, Buffer[]>([
        ['b', []],
        ['c', []],
      ]);
      const peers: Record<string, Replica> = { b: nodes[1]!, c: nodes[2]! };
      const report = await triggeredRound(
        nodes[0]!,
        { b: lateCopies(nodes[1]!, late.get('b')!), c: lateCopies(nodes[2]!, late.get('c')!) },
        strategy,
      );
      for (const p of report.peers) assert.notEqual(p.status, 'failed', JSON.stringify(p));
      // The copies still on their way arrive after the round.
      for (const [peer, copies] of late) for (const c of copies) await wire(peers[peer]!)(c);
      const [a, b, c] = nodes.map(dump);
      assert.deepEqual(b, a);
      assert.deepEqual(c, a);
      const roots = nodes.map((r) => r.store.tree.root().digest);
      assert.deepEqual(roots, [roots[0], roots[0], roots[0]]);
    });
  }
});
