// Every message between nodes, seen: a forked node's records over IPC and a running node's over
// GET /messages; one exchange's records add up to the round report's bytes for that peer, for
// each strategy; replication is recorded too; the receipt counts what differed; and what was
// sent to a node that never answered is recorded with why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageRecord } from '../../src/api/messages.js';
import type { Strategy } from '../../src/api/strategies.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { MessageFeed } from '../../src/cluster/message-feed.js';
import { streamMessages } from '../../src/cluster/message-stream.js';
import { bytesOf, roundMessages } from '../../src/cluster/round-messages.js';
import { testCluster } from '../helpers/cli.js';
import { until } from '../helpers/poll.js';

const OPENING: Record<Strategy, string> = {
  merkle: 'exchange:root',
  riblt: 'exchange:open',
  full: 'exchange:full',
};

describe('message records', () => {
  let cluster: Cluster;
  let feed: MessageFeed;

  before(async () => {
    cluster = await testCluster(3, ['--ae-strategy', 'riblt']);
    feed = await MessageFeed.open(cluster, performance.timeOrigin + performance.now());
  });
  after(async () => {
    feed?.stop();
    await cluster?.stop();
  });

  it('records replication: each write to each peer, and its acknowledgement', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ key: `bg:${i}`, value: `v${i}` }));
    await cluster.clients[0]!.batch(items, false);
    const [a, b, c] = cluster.nodes.map((n) => n.id);
    const sent = () => feed.records.filter((r) => r.kind === 'replicate' && r.from === a);
    await until('both replication messages', async () => sent().length >= 2, 5_000);
    assert.deepEqual(new Set(sent().map((r) => r.to)), new Set([b, c]));
    for (const r of sent()) {
      assert.equal(r.entries, 30);
      assert.equal(r.keys?.length, 20, 'a record names the first 20 keys');
      assert.ok(r.bytes > 30 * 5 && r.at >= 0);
    }
  });

  for (const strategy of ['merkle', 'riblt', 'full'] as const) {
    it(`${strategy}: an exchange's records add up to the report's bytes for that peer`, async () => {
      for (let i = 0; i < 4; i++) await cluster.clients[0]!.put(`${strategy}:a${i}`, 'x', true);
      await cluster.clients[1]!.put(`${strategy}:b`, 'y', true);
      const report = await cluster.clients[0]!.trigger(undefined, strategy);
      await feed.settle(report);
      assert.equal(typeof report.round, 'number');
      const exchanges = roundMessages(feed.records, report);
      for (const [i, p] of report.peers.entries()) {
        const records = exchanges[i]!.records;
        assert.equal(bytesOf(records), p.bytes.sent + p.bytes.received, JSON.stringify(records));
        assert.equal(records.length, 2 * p.roundTrips);
        assert.equal(records[0]!.kind, OPENING[strategy]);
        assert.equal(records[0]!.from, report.node);
        for (const r of records) assert.match(r.kind, /^exchange:[a-z]+$/);
        assert.equal(p.receipt?.bytes, p.bytes.sent + p.bytes.received);
      }
      // node 1 lacked one key node 2 held, node 2 lacked four: five differed.
      const second = report.peers.find((p) => p.peer === cluster.nodes[1]!.address)!;
      if (strategy !== 'full') assert.equal(second.receipt?.differing, 5);
      assert.ok(second.receipt!.floorBytes > 0 && second.receipt!.ratio! > 1);
    });
  }

  it("GET /messages streams a running node's records as JSON lines", async () => {
    const seen: MessageRecord[] = [];
    const stop = await streamMessages(cluster.nodes[2]!.address, undefined, (r) => seen.push(r));
    try {
      await cluster.clients[2]!.trigger(undefined, 'merkle');
      await until('the stream to carry the exchange', async () => seen.length >= 4, 5_000);
      assert.ok(seen.some((r) => r.kind === 'exchange:root' && r.from === cluster.nodes[2]!.id));
      assert.ok(
        seen.every((r) => r.at > 1e12),
        'a node times records from the epoch',
      );
    } finally {
      stop();
    }
  });
});

describe('message records of a peer that never answers', () => {
  let cluster: Cluster;
  let feed: MessageFeed;

  before(async () => {
    cluster = await testCluster(3);
    feed = await MessageFeed.open(cluster, performance.timeOrigin + performance.now());
  });
  after(async () => {
    feed?.stop();
    await cluster?.stop();
  });

  it('records what was sent to a killed node, with no answer and why', async () => {
    const [a, , c] = cluster.nodes.map((n) => n.id);
    await cluster.kill(3, 'SIGKILL');
    await cluster.clients[0]!.put('user:dave', 'sent to a node that is down', false);
    const report = await cluster.clients[0]!.trigger(undefined, 'merkle');
    assert.ok(report.peers.some((p) => p.status === 'unreachable'));
    const unanswered = (kind: string) =>
      feed.records.find((r) => r.from === a && r.to === c && r.kind === kind && r.noAnswer);
    const replicate = await until('the replication with no answer', async () =>
      unanswered('replicate'),
    );
    assert.deepEqual(replicate.keys, ['user:dave']);
    assert.ok(replicate.bytes > 0);
    const root = await until('the exchange with no answer', async () =>
      unanswered('exchange:root'),
    );
    assert.equal(root.exchange?.round, report.round);
    // Nothing came back from it: no record from node 3 after it was killed.
    assert.ok(!feed.records.some((r) => r.from === c && r.at >= replicate.at));
  });
});
