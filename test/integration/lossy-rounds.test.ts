// A round on real nodes under message loss (POST /admin/faults), with the Merkle walk and with
// the rateless exchange: a lost exchange message is sent again within the round instead of
// failing it after its timeout, the round repairs both ways, and the report and /stats say how
// many messages went again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';

/** Loss on every link of the first node: 30%, a rate at which a round used to fail often. */
const LOSS = 0.3;
/**
 * The fault randomness's seed: its first draw (0.012) loses the round's first message, so the
 * round must send a copy; later fates are the seed's too.
 */
const FAULT_SEED = 7;
const KEYS_EACH = 30;

/** Two real nodes of `strategy`, a round between them under LOSS, and what it reports. */
function lossyRound(strategy: 'merkle' | 'riblt'): void {
  let cluster: Cluster;
  before(async () => {
    cluster = await testCluster(2, ['--ae-strategy', strategy]);
  });
  after(() => cluster.stop());

  it(`${strategy}: a round sends lost messages again and still repairs both nodes`, async () => {
    const [a, b] = cluster.clients;
    // A lossless round first: the node measures its round trip to its peer.
    assert.equal((await a!.trigger()).peers[0]!.status, 'in_sync');
    for (let i = 0; i < KEYS_EACH; i++) {
      await a!.put(`a:${i}`, `from a ${i}`, true);
      await b!.put(`b:${i}`, `from b ${i}`, true);
    }
    await a!.faults({ links: { '*': { loss: LOSS } }, seed: FAULT_SEED });
    const report = await a!.trigger();
    await a!.heal();
    const peer = report.peers[0]!;
    assert.equal(peer.status, 'repaired', peer.reason);
    assert.ok((peer.retries ?? 0) >= 1, 'the lost opening was sent again');
    assert.equal(peer.counts.pulled, KEYS_EACH);
    assert.equal(peer.counts.pushed, KEYS_EACH);
    assert.equal((await a!.snapshot()).root, (await b!.snapshot()).root);
    assert.equal((await b!.key('a:0')).state, 'value');
    const stats = await a!.stats();
    assert.equal(stats.antiEntropy.retries, peer.retries);
    const metrics = (await request(cluster.nodes[0]!.address, 'GET', '/metrics')).text;
    assert.match(metrics, /^ae_exchange_retries_total [1-9]\d*$/m);
  });
}

describe('rounds under message loss: the Merkle walk', () => lossyRound('merkle'));
describe('rounds under message loss: the rateless exchange', () => lossyRound('riblt'));
