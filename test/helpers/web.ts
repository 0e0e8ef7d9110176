// Web view helpers for tests: a scripted run as events (no processes), a check that an HTML
// document refers to nothing outside itself, and a reader of the live page's event stream.
import type { ResultPromise } from 'execa';
import type { NodeSample, WebEvent } from '../../src/web/model.js';
import { spawnCli } from './cli.js';
import { until } from './poll.js';
import type { RoundReport } from '../../src/api/reports.js';
import type { Version } from '../../src/api/version.js';

const V = (wall: number, node: string): Version => ({ wall, logical: 0, node });

function level(
  fill: string,
  n: number,
  changed: Record<number, string> = {},
): { digests: string[]; counts: number[] } {
  return {
    digests: Array.from({ length: n }, (_, i) => changed[i] ?? fill),
    counts: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 4)),
  };
}

/** One round's report: node1 pulls user:alice from node2. */
export function roundReport(
  key = 'user:alice',
  status: 'repaired' | 'in_sync' = 'repaired',
): RoundReport {
  const moved = status === 'repaired';
  return {
    node: 'node1',
    strategy: 'merkle',
    durationMs: 3,
    peers: [
      {
        peer: '127.0.0.1:2000',
        status,
        roundTrips: moved ? 3 : 1,
        bytes: { sent: 300, received: 334 },
        keys: { pulled: moved ? [key] : [], pushed: [] },
        counts: { pulled: moved ? 1 : 0, pushed: 0 },
        levels: moved ? 2 : 0,
        passes: 1,
        durationMs: 2,
      },
    ],
  };
}

export function sample(
  id: string,
  root: string,
  changedCell: string | null,
  counters = { rounds: 0, pulled: 0, pushed: 0 },
  newRounds: NodeSample['newRounds'] = [],
): NodeSample {
  const changed: Record<number, string> = changedCell ? { 7: changedCell } : {};
  return {
    id,
    address: `127.0.0.1:${id.slice(-1)}000`,
    status: 'up',
    cut: [],
    keys: 10,
    tombstones: 0,
    root,
    levels: [
      level('aaaa', 16, changed),
      level('bbbb', 256, changedCell ? { 126: changedCell } : {}),
    ],
    ...counters,
    newRounds,
    fullBytes: 125_000,
    hints: { enabled: true, pending: 0 },
    repaired: { hint: 0, readRepair: 0, antiEntropy: 0 },
    watched: {},
  };
}

/** The seed story in miniature, as the orchestrator would send it. */
export function scriptedRun(keyName = 'user:alice'): WebEvent[] {
  const nodes = ['node1', 'node2', 'node3'].map((id, i) => ({
    id,
    address: `127.0.0.1:${i + 1}000`,
  }));
  const at = '2026-11-27T12:00:00.000Z';
  return [
    { type: 'phase', title: 'starting 3 nodes', state: 'running' },
    { type: 'phase', title: 'starting 3 nodes', state: 'done', summary: '3 nodes up' },
    {
      type: 'start',
      mode: 'run',
      scenario: 'seed',
      summary: 'The guide',
      outline: [
        'Direct writes',
        'Before anti-entropy',
        'Merkle trees',
        'Anti-entropy',
        'After anti-entropy',
      ],
      nodes,
      step: true,
      startedAt: at,
    },
    {
      type: 'nodes',
      nodes: [
        sample('node1', 'r0', null),
        sample('node2', 'r0', null),
        sample('node3', 'r0', null),
      ],
      at,
    },
    { type: 'waiting', next: 'Direct writes' },
    { type: 'section', title: 'Direct writes' },
    {
      type: 'story',
      event: {
        type: 'writes',
        writes: [
          {
            method: 'PUT',
            key: keyName,
            node: 'node1',
            direct: true,
            value: 'one',
            version: V(1_000_000, 'node1'),
          },
          {
            method: 'PUT',
            key: keyName,
            node: 'node2',
            direct: true,
            value: 'two',
            version: V(2_000_000, 'node2'),
          },
        ],
      },
    },
    {
      type: 'nodes',
      nodes: [
        sample('node1', 'r1', 'c1'),
        sample('node2', 'r2', 'c2'),
        sample('node3', 'r0', null),
      ],
      at,
    },
    { type: 'section', title: 'Before anti-entropy' },
    {
      type: 'story',
      event: {
        type: 'keys',
        keys: [keyName],
        nodes: ['node1', 'node2', 'node3'],
        background: 0,
        states: {
          [keyName]: [
            {
              node: 'node1',
              address: '127.0.0.1:1000',
              state: 'value',
              value: 'one',
              version: V(1_000_000, 'node1'),
            },
            {
              node: 'node2',
              address: '127.0.0.1:2000',
              state: 'value',
              value: 'two',
              version: V(2_000_000, 'node2'),
            },
            {
              node: 'node3',
              address: '127.0.0.1:3000',
              state: 'missing',
              value: null,
              version: null,
            },
          ],
        },
      },
    },
    { type: 'section', title: 'Merkle trees' },
    {
      type: 'story',
      event: {
        type: 'tree-diff',
        a: 'node1',
        b: 'node2',
        diff: {
          level: 0,
          index: 0,
          digests: ['r1', 'r2'],
          counts: [10, 10],
          equalChildren: 15,
          hiddenChildren: 0,
          keys: [],
          children: [
            {
              level: 1,
              index: 7,
              digests: ['c1', 'c2'],
              counts: [3, 3],
              equalChildren: 15,
              hiddenChildren: 0,
              children: [],
              keys: [
                {
                  key: keyName,
                  a: { version: V(1_000_000, 'node1'), deleted: false },
                  b: { version: V(2_000_000, 'node2'), deleted: false },
                },
              ],
            },
          ],
        },
      },
    },
    { type: 'section', title: 'Anti-entropy' },
    { type: 'phase', title: 'round on node1', state: 'running' },
    {
      type: 'story',
      event: {
        type: 'exchange',
        report: roundReport(keyName),
        ids: { '127.0.0.1:2000': 'node2' },
        fullCost: { '127.0.0.1:2000': 250_000 },
      },
    },
    { type: 'phase', title: 'round on node1', state: 'done', summary: '1 repaired' },
    {
      type: 'nodes',
      nodes: [
        sample('node1', 'r2', 'c2', { rounds: 1, pulled: 1, pushed: 0 }, [
          { seq: 1, at: '2026-11-27T12:00:00.500Z', report: roundReport(keyName) },
        ]),
        sample('node2', 'r2', 'c2'),
        sample('node3', 'r2', 'c2'),
      ],
      at,
    },
    { type: 'section', title: 'After anti-entropy' },
    {
      type: 'story',
      event: {
        type: 'winners',
        winners: [
          {
            key: keyName,
            value: 'two',
            version: V(2_000_000, 'node2'),
            losers: [
              { node: 'node1', version: V(1_000_000, 'node1'), state: 'value' },
              { node: 'node3', version: null, state: 'missing' },
            ],
          },
        ],
      },
    },
    {
      type: 'verdict',
      verdict: { converged: true, problems: [], nodes: 3, keys: 10, root: 'r2', elapsedMs: 1234 },
    },
    { type: 'end', kept: false },
  ];
}

/**
 * Every way an HTML document could pull in something from elsewhere: a src or href, a CSS
 * url() or @import, a srcset, a form action, a meta refresh. A self-contained file has none.
 */
export function externalReferences(doc: string): string[] {
  const patterns = [
    /\s(?:src|href|srcset|action|poster|data|formaction|xlink:href)\s*=\s*["']?[^"'\s>]+/gi,
    /url\s*\(/gi,
    /@import/gi,
    /http-equiv\s*=\s*["']?refresh/gi,
    /<(?:script|link|iframe|object|embed|img|image)\b/gi,
  ];
  return patterns.flatMap((p) => doc.match(p) ?? []);
}

export interface LiveCli {
  child: ResultPromise;
  /** The live page's address. */
  url: string;
  /** Everything the command printed on stdout and stderr so far. */
  output: () => string;
}

/** Starts `ae-demo ARGS` (run --web or cluster --web) and waits for the live page's address. */
export async function startLive(args: string[]): Promise<LiveCli> {
  const child = spawnCli(args);
  let output = '';
  const collect = (c: Buffer) => (output += c.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  try {
    return { child, url: await liveUrl(() => output), output: () => output };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/**
 * Runs `fn` with `ae-demo ARGS` (run --web or cluster --web) started and its page up; however
 * `fn` ends, the process is killed if it is still running and awaited, so none outlives its test.
 */
export async function withLiveRun<T>(
  args: string[],
  fn: (live: LiveCli) => Promise<T>,
): Promise<T> {
  const live = await startLive(args);
  try {
    return await fn(live);
  } finally {
    live.child.kill('SIGKILL');
    await live.child.catch(() => undefined);
  }
}

/** The live page's address, from what `run --web` or `cluster --web` prints. */
async function liveUrl(output: () => string, timeoutMs = 60_000): Promise<string> {
  const address = async () => /Live view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output())?.[1];
  return until('the live view address', address, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}: ${output()}`);
  });
}

/**
 * Reads the page's event stream as a browser would, handing each event to `onEvent`, until it
 * returns true (then resolves with every event seen) or the deadline passes.
 */
export async function readEvents(
  url: string,
  onEvent: (event: WebEvent, all: WebEvent[]) => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<WebEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new Error(`the event stream did not finish within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const seen: WebEvent[] = [];
  try {
    const res = await fetch(new URL('events', url), { signal: abort.signal });
    if (res.headers.get('content-type')?.startsWith('text/event-stream') !== true)
      throw new Error(`not an event stream: ${res.headers.get('content-type')}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (!data) continue;
        const event = JSON.parse(data) as WebEvent;
        seen.push(event);
        if (await onEvent(event, seen)) return seen;
      }
    }
    throw new Error(`the event stream ended after ${seen.length} events`);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** POST /next as the page's button does. */
export async function pressNext(url: string): Promise<{ status: number; advanced?: boolean }> {
  const res = await fetch(new URL('next', url), {
    method: 'POST',
    headers: { 'x-ae-demo': 'next' },
  });
  return { status: res.status, ...((await res.json()) as { advanced?: boolean }) };
}

/** The distinct roots among the nodes that answered. */
export function rootsOf(event: WebEvent): Set<string> | null {
  if (event.type !== 'nodes') return null;
  const roots = new Set(event.nodes.flatMap((n) => (n.root ? [n.root] : [])));
  // A sample taken once the run has stopped its nodes shows no root: it says nothing of agreement.
  return roots.size > 0 ? roots : null;
}
