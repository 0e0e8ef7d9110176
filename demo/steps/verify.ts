// Verifying: every node holds the same data, each scenario's own checks, and who won each key.
import type { KeyState } from '../../src/cluster/client.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { allAgree } from '../../src/cluster/key-state.js';
import { compareVersions } from '../../src/api/version.js';
import type { Winner } from '../../src/story/events.js';
import { roots, snapshots } from './read.js';

/** Pages of GET /kv read during verification. */
const VERIFY_PAGE = 1_000;

/** What verify found: converged or the first problems, and the common root. */
export interface Verification {
  converged: boolean;
  problems: string[];
  root: string;
  /** Every node's root, as read for the verification. */
  roots: Record<string, string>;
  keys: number;
}

/** Converged: every root equal, and every node lists the same keys, values and versions. */
export async function verify(cluster: Pick<Cluster, 'clients' | 'nodes'>): Promise<Verification> {
  const problems: string[] = [];
  const snaps = await snapshots(cluster);
  const first = snaps[0]!;
  for (const s of snaps.slice(1))
    if (s.root !== first.root)
      problems.push(`${s.node} has root ${s.root}, ${first.node} has ${first.root}`);
  const listings = await Promise.all(cluster.clients.map((c) => listAll(c)));
  const reference = listings[0]!;
  listings.slice(1).forEach((listing, i) => {
    const node = cluster.nodes[i + 1]!.id;
    for (const [key, value] of reference)
      if (listing.get(key) !== value)
        problems.push(`${node} differs from ${first.node} on "${key}"`);
    for (const key of listing.keys())
      if (!reference.has(key)) problems.push(`${node} has "${key}", ${first.node} does not`);
  });
  return {
    converged: problems.length === 0,
    problems: problems.slice(0, 20),
    root: first.root,
    roots: roots(snaps),
    keys: reference.size,
  };
}

async function listAll(client: Cluster['clients'][number]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page = await client.list('', VERIFY_PAGE, cursor);
    for (const item of page.items) out.set(item.key, JSON.stringify([item.value, item.version]));
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

/** A check that every node shows `expected` for key (a value, or null for deleted or missing). */
export function expectEverywhere(
  states: Record<string, KeyState[]>,
  key: string,
  expected: string | null,
): string[] {
  return (states[key] ?? [])
    .filter((s) => (expected === null ? s.state === 'value' : s.value !== expected))
    .map((s) => {
      const shown = s.state === 'value' ? JSON.stringify(s.value) : s.state;
      const wanted = expected === null ? 'no value' : JSON.stringify(expected);
      return `${s.node} shows ${shown} for "${key}", expected ${wanted}`;
    });
}

/** For each key that differed before, the value every node should now hold and whom it beat. */
export function winners(
  before: Record<string, KeyState[]>,
  after: Record<string, KeyState[]>,
): Winner[] {
  const out: Winner[] = [];
  for (const [key, states] of Object.entries(before)) {
    if (allAgree(states)) continue;
    const now = after[key]?.[0];
    if (!now?.version) continue;
    out.push({
      key,
      value: now.value,
      version: now.version,
      losers: states
        .filter((s) => !s.version || compareVersions(s.version, now.version!) < 0)
        .map((s) => ({ node: s.node, version: s.version, state: s.state })),
    });
  }
  return out;
}
