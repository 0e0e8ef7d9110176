// perform() over fake hands: the calls made in order, what the story shows, and the first
// failure ending the plan with a sentence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perform, type Hands, type NodeCalls } from '../../../../src/web/actions/perform.js';
import type { RoundReport } from '../../../../src/api/reports.js';

const VERSION = { wall: 1, logical: 0, node: 'node-1' };
const IDS: Record<string, string> = { '127.0.0.1:1': 'node-1', '127.0.0.1:2': 'node-2' };

function fake(log: string[], fail?: string): Hands {
  const calls = (node: string): NodeCalls => {
    const record = <T>(what: string, answer: T): Promise<T> => {
      log.push(`${node} ${what}`);
      return what === fail
        ? Promise.reject(new Error('Node did not answer'))
        : Promise.resolve(answer);
    };
    return {
      partition: (peers) => record('partition', { cut: peers }),
      heal: () => record('heal', { cut: [] }),
      trigger: () =>
        record<RoundReport>('trigger', {
          node,
          strategy: 'merkle',
          durationMs: 1,
          peers: [
            {
              peer: '127.0.0.1:2',
              status: 'repaired',
              roundTrips: 2,
              bytes: { sent: 10, received: 20 },
              keys: { pulled: ['demo:k'], pushed: [] },
              counts: { pulled: 1, pushed: 0 },
              levels: 1,
              passes: 1,
              durationMs: 1,
            },
          ],
        }),
      put: (key, value, direct) =>
        record('put', {
          key,
          value,
          version: VERSION,
          replication: direct
            ? null
            : {
                acked: ['127.0.0.1:2'],
                failed: [{ peer: '127.0.0.1:3', reason: 'partitioned', hinted: true }],
              },
        }),
      del: (key) => record('del', { key, deleted: true, version: VERSION, replication: null }),
      setInterval: (ms) => record('interval', { intervalMs: ms }),
      health: () => record('health', { keys: 1 }),
      setHints: (enabled) => record('hints', { enabled }),
      readAll: (key) =>
        record('read', {
          answer: { key, value: 'two', version: VERSION, via: 'client' as const },
          readRepair: { repaired: ['127.0.0.1:2'], unreachable: ['127.0.0.1:3'] },
        }),
    };
  };
  return {
    calls,
    kill: (node) => (log.push(`${node} kill`), Promise.resolve()),
    restart: (node) => (log.push(`${node} restart`), Promise.resolve()),
    idOf: (address) => IDS[address] ?? address,
    fullCost: () => 1000,
  };
}

describe('perform (the page controls)', () => {
  it('a replicated write shows who acked and who failed, by node id', async () => {
    const log: string[] = [];
    const out = await perform(
      [{ call: 'put', node: 'node-1', key: 'demo:k2', value: 'two', direct: false }],
      fake(log),
    );
    assert.deepEqual(log, ['node-1 put']);
    assert.equal(out.ok, true);
    assert.equal(
      out.message,
      'Wrote demo:k2 on node-1, acked by 1 peer, failed on 1 (kept as a hint).',
    );
    assert.deepEqual(out.events, [
      {
        type: 'writes',
        writes: [
          {
            method: 'PUT',
            key: 'demo:k2',
            node: 'node-1',
            direct: false,
            value: 'two',
            version: VERSION,
            acked: ['node-2'],
            failed: [{ peer: '127.0.0.1:3', reason: 'partitioned', hinted: true }],
          },
        ],
      },
    ]);
  });

  it('cut, trigger, kill and restart tell the story', async () => {
    const log: string[] = [];
    const out = await perform(
      [
        { call: 'partition', node: 'node-1', peers: ['127.0.0.1:2'] },
        { call: 'trigger', node: 'node-1' },
        { call: 'kill', node: 'node-2' },
        { call: 'restart', node: 'node-2' },
      ],
      fake(log),
    );
    assert.deepEqual(log, [
      'node-1 partition',
      'node-1 trigger',
      'node-2 kill',
      'node-2 restart',
      'node-2 health',
    ]);
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['note', 'exchange', 'note', 'note'],
    );
    assert.match(out.message, /node-1 is cut off from node-2, both ways\./);
    assert.match(
      out.message,
      /Anti-entropy round on node-1: 1 repaired, 0 in sync, 0 unreachable\./,
    );
    assert.match(out.message, /node-2 restarted from its data directory with 1 key\./);
    const exchange = out.events[1]!;
    assert.ok(exchange.type === 'exchange');
    assert.deepEqual(exchange.ids, { '127.0.0.1:2': 'node-2' });
    assert.deepEqual(exchange.fullCost, { '127.0.0.1:2': 1000 });
  });

  it('the first failure ends the plan and is said on the page and in the story', async () => {
    const log: string[] = [];
    const out = await perform(
      [
        { call: 'interval', node: 'node-1', ms: 0 },
        { call: 'interval', node: 'node-2', ms: 0 },
      ],
      fake(log, 'interval'),
    );
    assert.deepEqual(log, ['node-1 interval']);
    assert.equal(out.ok, false);
    assert.equal(out.message, 'Setting the interval on node-1 failed: Node did not answer');
    assert.deepEqual(out.events, [{ type: 'note', text: out.message }]);
  });

  it('a read from all says what it answered, whom it repaired and who was silent', async () => {
    const log: string[] = [];
    const out = await perform([{ call: 'read', node: 'node-1', key: 'demo:r' }], fake(log));
    assert.deepEqual(log, ['node-1 read']);
    assert.equal(out.ok, true);
    assert.match(
      out.message,
      /^Read demo:r from all replicas through node-1: "two" \(node-1's write/,
    );
    assert.match(
      out.message,
      /Repaired node-2 before answering\. 127\.0\.0\.1:3 did not answer\.$/,
    );
    assert.deepEqual(out.events, [{ type: 'note', text: out.message }]);
  });

  it('the hints switch is set node by node and said', async () => {
    const log: string[] = [];
    const out = await perform(
      [
        { call: 'hints', node: 'node-1', enabled: false },
        { call: 'hints', node: 'node-2', enabled: false },
      ],
      fake(log),
    );
    assert.deepEqual(log, ['node-1 hints', 'node-2 hints']);
    assert.equal(out.message, 'node-1: hinted handoff off. node-2: hinted handoff off.');
  });
});
