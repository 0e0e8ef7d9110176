// The live page's controls as a plan: what the page asked for (untrusted JSON) is checked against
// the cluster as it is now and becomes a list of node calls, or one sentence saying what is wrong.
// Pure: no I/O here, so every refusal is unit-tested; perform.ts makes the calls.
import { MAX_AE_INTERVAL_MS } from '../../api/limits.js';
import { checkKey } from '../../api/checks.js';
import { MAX_PAGE_VALUE_BYTES } from './limits.js';

/** One node as the controls see it. */
export interface ControlledNode {
  id: string;
  address: string;
  /** False once the page killed it (until Restart). */
  running: boolean;
}

/** One call the server makes for the page, on the node with this id. */
export type Step =
  | { call: 'partition'; node: string; peers: string[] }
  | { call: 'heal'; node: string }
  | { call: 'kill'; node: string }
  | { call: 'restart'; node: string }
  | { call: 'trigger'; node: string }
  | { call: 'put'; node: string; key: string; value: string; direct: boolean }
  | { call: 'delete'; node: string; key: string; direct: boolean }
  | { call: 'interval'; node: string; ms: number }
  /** Hinted handoff on or off, on this node from now on. */
  | { call: 'hints'; node: string; enabled: boolean }
  /** GET /kv/{key}?read=all on this node: the newest among the replicas, repaired where stale. */
  | { call: 'read'; node: string; key: string };

export type Plan = { ok: true; steps: Step[] } | { ok: false; message: string };

const NODE_ACTIONS = ['cut', 'heal', 'kill', 'restart', 'trigger'] as const;

/**
 * Checks one request from the page and plans its node calls; nothing is called here. `canKill`:
 * false for nodes that run elsewhere with no command to restart them.
 */
export function plan(request: unknown, nodes: readonly ControlledNode[], canKill = true): Plan {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return refuse('The page sent no action; reload it and try again.');
  const r = request as Record<string, unknown>;
  if (r.action === 'interval') return interval(r.ms, nodes);
  if (r.action === 'hints') return hints(r.enabled, nodes);
  const found = node(r.node, nodes);
  if (!found.ok) return found;
  const n = found.node;
  if ((r.action === 'kill' || r.action === 'restart') && !canKill)
    return refuse(
      `${n.id} runs elsewhere: Kill and Restart work only when ae-demo was given --restart-command.`,
    );
  if (r.action === 'restart')
    return n.running
      ? refuse(`${n.id} is running; only a killed node can be restarted.`)
      : ok({ call: 'restart', node: n.id });
  if (!n.running)
    return refuse(`${n.id} was killed; press Restart ${n.id} before anything else on it.`);
  switch (r.action) {
    case 'cut':
      return ok({
        call: 'partition',
        node: n.id,
        peers: nodes.filter((p) => p.id !== n.id).map((p) => p.address),
      });
    case 'heal':
    case 'kill':
    case 'trigger':
      return ok({ call: r.action, node: n.id });
    case 'write':
    case 'delete':
    case 'read':
      return write(r, n.id);
  }
  const known = [...NODE_ACTIONS, 'write', 'delete', 'read', 'interval', 'hints'];
  return refuse(`Unknown action; the page can ${known.join(', ')}.`);
}

function write(r: Record<string, unknown>, node: string): Plan {
  if (typeof r.key !== 'string')
    return refuse(`Type a key to ${r.action === 'read' ? 'read' : 'write'}.`);
  const key = checkKey(r.key);
  if (!key.ok) return refuse(key.message);
  const direct = r.direct === true;
  if (r.action === 'delete') return ok({ call: 'delete', node, key: key.value, direct });
  if (r.action === 'read') return ok({ call: 'read', node, key: key.value });
  if (typeof r.value !== 'string') return refuse('Type a value to write (it may be empty).');
  const bytes = Buffer.byteLength(r.value, 'utf8');
  if (bytes > MAX_PAGE_VALUE_BYTES)
    return refuse(
      `The value is ${bytes} bytes; the page writes at most ${MAX_PAGE_VALUE_BYTES} (use ae-demo put for more).`,
    );
  return ok({ call: 'put', node, key: key.value, value: r.value, direct });
}

function interval(raw: unknown, nodes: readonly ControlledNode[]): Plan {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms > MAX_AE_INTERVAL_MS)
    return refuse(
      `The interval must be a whole number of milliseconds from 0 (only on trigger) to ${MAX_AE_INTERVAL_MS}.`,
    );
  const running = nodes.filter((n) => n.running);
  if (running.length === 0) return refuse('No node is running; restart one first.');
  return { ok: true, steps: running.map((n) => ({ call: 'interval', node: n.id, ms })) };
}

/** Hinted handoff for the whole cluster: the same switch on every running node. */
function hints(enabled: unknown, nodes: readonly ControlledNode[]): Plan {
  if (typeof enabled !== 'boolean')
    return refuse('Hinted handoff is on or off; reload the page and try again.');
  const running = nodes.filter((n) => n.running);
  if (running.length === 0) return refuse('No node is running; restart one first.');
  return { ok: true, steps: running.map((n) => ({ call: 'hints', node: n.id, enabled })) };
}

function node(
  raw: unknown,
  nodes: readonly ControlledNode[],
): { ok: true; node: ControlledNode } | { ok: false; message: string } {
  const found = nodes.find((n) => n.id === raw);
  if (found) return { ok: true, node: found };
  const named = typeof raw === 'string' && raw !== '' ? `"${raw.slice(0, 64)}"` : 'No node';
  return refuse(
    `${named} is not a node of this cluster; choose one of ${nodes.map((n) => n.id).join(', ')}.`,
  );
}

function ok(step: Step): Plan {
  return { ok: true, steps: [step] };
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
