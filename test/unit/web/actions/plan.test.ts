// The page's requests become node calls, or one sentence and no call at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plan, type ControlledNode } from '../../../../src/web/actions/plan.js';
import { MAX_PAGE_VALUE_BYTES } from '../../../../src/web/actions/limits.js';

const NODES: ControlledNode[] = [
  { id: 'node-1', address: '127.0.0.1:1', running: true },
  { id: 'node-2', address: '127.0.0.1:2', running: true },
  { id: 'node-3', address: '127.0.0.1:3', running: false },
];

function refused(request: unknown, pattern: RegExp): void {
  const p = plan(request, NODES);
  assert.equal(p.ok, false);
  if (!p.ok) assert.match(p.message, pattern);
}

describe('plan (the page controls)', () => {
  it('cuts a node off from every other node, by address', () => {
    assert.deepEqual(plan({ action: 'cut', node: 'node-1' }, NODES), {
      ok: true,
      steps: [{ call: 'partition', node: 'node-1', peers: ['127.0.0.1:2', '127.0.0.1:3'] }],
    });
  });

  it('heals, kills and triggers one node', () => {
    for (const action of ['heal', 'kill', 'trigger'] as const)
      assert.deepEqual(plan({ action, node: 'node-2' }, NODES), {
        ok: true,
        steps: [{ call: action, node: 'node-2' }],
      });
  });

  it('writes and deletes, direct only when the box is ticked', () => {
    assert.deepEqual(
      plan({ action: 'write', node: 'node-1', key: 'demo:k', value: 'one', direct: true }, NODES),
      {
        ok: true,
        steps: [{ call: 'put', node: 'node-1', key: 'demo:k', value: 'one', direct: true }],
      },
    );
    assert.deepEqual(
      plan({ action: 'delete', node: 'node-2', key: 'demo:k', direct: 'yes' }, NODES),
      { ok: true, steps: [{ call: 'delete', node: 'node-2', key: 'demo:k', direct: false }] },
    );
  });

  it('sets the interval on every running node (0 stops periodic rounds)', () => {
    assert.deepEqual(plan({ action: 'interval', ms: ' 0 ' }, NODES), {
      ok: true,
      steps: [
        { call: 'interval', node: 'node-1', ms: 0 },
        { call: 'interval', node: 'node-2', ms: 0 },
      ],
    });
    assert.deepEqual(plan({ action: 'interval', ms: 1500 }, NODES).ok, true);
  });

  it('restarts only a killed node, and does nothing else on one', () => {
    assert.deepEqual(plan({ action: 'restart', node: 'node-3' }, NODES), {
      ok: true,
      steps: [{ call: 'restart', node: 'node-3' }],
    });
    refused({ action: 'restart', node: 'node-1' }, /node-1 is running; only a killed node/);
    refused({ action: 'trigger', node: 'node-3' }, /node-3 was killed; press Restart node-3/);
    refused({ action: 'write', node: 'node-3', key: 'k', value: 'v' }, /was killed/);
  });

  it('refuses bad input with one sentence', () => {
    refused(null, /no action/);
    refused([], /no action/);
    refused(
      { action: 'cut', node: 'node-9' },
      /"node-9" is not a node of this cluster; choose one of node-1, node-2, node-3/,
    );
    refused({ action: 'cut' }, /No node is not a node|not a node of this cluster/);
    refused({ action: 'explode', node: 'node-1' }, /Unknown action/);
    refused({ action: 'write', node: 'node-1', key: '', value: 'v' }, /The key is empty/);
    refused({ action: 'write', node: 'node-1', value: 'v' }, /Type a key/);
    refused({ action: 'write', node: 'node-1', key: 'a\u0001', value: 'v' }, /control character/);
    refused({ action: 'write', node: 'node-1', key: 'k' }, /Type a value/);
    refused(
      { action: 'write', node: 'node-1', key: 'k', value: 'x'.repeat(MAX_PAGE_VALUE_BYTES + 1) },
      new RegExp(
        `${MAX_PAGE_VALUE_BYTES + 1} bytes; the page writes at most ${MAX_PAGE_VALUE_BYTES}`,
      ),
    );
    for (const ms of ['', 'abc', '-1', '1.5', 86_400_001, null])
      refused({ action: 'interval', ms }, /whole number of milliseconds from 0/);
  });

  it('refuses the interval when no node runs', () => {
    const p = plan(
      { action: 'interval', ms: 10 },
      NODES.map((n) => ({ ...n, running: false })),
    );
    assert.deepEqual(p, { ok: false, message: 'No node is running; restart one first.' });
  });

  it('switches hinted handoff on every running node, from a true or false only', () => {
    assert.deepEqual(plan({ action: 'hints', enabled: false }, NODES), {
      ok: true,
      steps: [
        { call: 'hints', node: 'node-1', enabled: false },
        { call: 'hints', node: 'node-2', enabled: false },
      ],
    });
    refused({ action: 'hints', enabled: 'off' }, /on or off/);
    refused({ action: 'hints' }, /on or off/);
    const dead = NODES.map((n) => ({ ...n, running: false }));
    const none = plan({ action: 'hints', enabled: true }, dead);
    assert.equal(none.ok, false);
  });

  it('reads a key from all replicas through a running node, with the key checked', () => {
    assert.deepEqual(plan({ action: 'read', node: 'node-2', key: 'demo:k', value: 'x' }, NODES), {
      ok: true,
      steps: [{ call: 'read', node: 'node-2', key: 'demo:k' }],
    });
    refused({ action: 'read', node: 'node-2' }, /Type a key to read/);
    refused({ action: 'read', node: 'node-2', key: '' }, /key/i);
    refused({ action: 'read', node: 'node-3', key: 'demo:k' }, /was killed/);
  });
});
