// Plain formatting shared by the terminal and the web page: numbers, bytes, versions, hashes (no colour here).
import type { CostRow, Winner, WriteLine } from './story/events.js';
import { formatWallClock, type Version } from './api/version.js';
import type { Receipt, RibltOutcome, RoundReport } from './api/reports.js';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 entry", "1,002 entries": a count and its noun, singular for one. */
export function counted(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "1 level", "3 round trips": a count and a noun whose plural takes an s. */
export function plural(n: number, word: string): string {
  return counted(n, word, `${word}s`);
}

/** "1,002 vs 1,001 entries", "1 vs 1 entry": two nodes' counts under one tree node. */
export function entriesVs(a: number, b: number): string {
  return `${count(a)} vs ${count(b)} ${a === 1 && b === 1 ? 'entry' : 'entries'}`;
}

export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** "12:51:07.123456" (and "+2" when the logical counter broke a tie within the microsecond). */
export function versionTime(v: Version): string {
  return `${formatWallClock(v.wall)}${v.logical > 0 ? `+${v.logical}` : ''}`;
}

export function shortHash(hex: string): string {
  return `${hex.slice(0, 6)}…`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "all three" for 3, "all 5" otherwise. */
export function allOf(n: number): string {
  const words = ['', 'one', 'both', 'all three', 'all four', 'all five'];
  return words[n] ?? `all ${n}`;
}

/** The tree node's position as hex digits, one per level: level 2, index 126 -> "7e". */
export function treePath(level: number, index: number): string {
  return level === 0 ? 'root' : index.toString(16).padStart(level, '0');
}

export function list(items: readonly string[], max = 3): string {
  if (items.length === 0) return '—';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} +${items.length - max} more` : shown;
}

/** The parts of "who won and why" for a key: whose write, what it beat, which nodes had none. */
export function winnerParts(w: Winner): { by: string; than: string; missing: string } {
  const by = `${w.version.node}'s ${w.value === null ? 'delete' : 'write'} (${versionTime(w.version)})`;
  const older = [
    ...new Set(
      w.losers.flatMap((l) => {
        if (!l.version) return [];
        const held = l.version.node === l.node ? '' : ` held by ${l.node}`;
        return [`${l.version.node}'s (${versionTime(l.version)})${held}`];
      }),
    ),
  ];
  const without = w.losers.filter((l) => !l.version).map((l) => l.node);
  // The writer itself may have lost the key since (a purged tombstone, a wiped node): say so
  // apart, or the sentence names one node as the writer and as having none.
  const writer = w.version.node;
  const writerGone = without.includes(writer);
  const others = without.filter((n) => n !== writer);
  const gone = writerGone ? `, which ${writer} itself no longer held` : '';
  const newer =
    older.length > 0 ? `${writerGone ? ';' : ''} is newer than ${older.join(', ')}` : '';
  const than = gone + newer;
  const missing = others.length > 0 ? `${than ? ';' : ','} ${others.join(', ')} had none` : '';
  return { by, than, missing };
}

/** Keys an exchange moved: the names a report kept, and the total when it kept fewer. */
export function movedKeys(shown: readonly string[], total: number): string {
  return total > shown.length ? `${list(shown)} (${total} in all)` : list(shown);
}

/** Within this factor of each other, two costs are "about the same" rather than more or less. */
const SAME_COST = 1.1;
/** Factors below this keep one decimal ("1.5× less"); above it, whole numbers ("395× more"). */
const WHOLE_FACTOR = 10;

/**
 * "250.2 kB (395× more)", "51 B (1.5× less)": what full exchanges would have shipped beside
 * what this exchange did, whichever is cheaper.
 */
export function beside(full: number | undefined, spent: number): string {
  if (full === undefined || spent === 0) return '—';
  const ratio = full / spent;
  if (ratio < SAME_COST && ratio > 1 / SAME_COST) return `${bytes(full)} (about the same)`;
  const factor = Math.max(ratio, 1 / ratio);
  const shown =
    factor < WHOLE_FACTOR ? String(Number(factor.toFixed(1))) : String(Math.round(factor));
  return `${bytes(full)} (${shown}× ${ratio > 1 ? 'more' : 'less'})`;
}

/**
 * What full exchanges with a peer would have shipped in the same round: one per pass the round
 * made with it, as a round of the `full` strategy makes its second pass too (like with like).
 */
export function fullRoundBytes(full: number | undefined, passes: number): number | undefined {
  return full === undefined ? undefined : full * passes;
}

/** The receipt's floor and the ratio of the bytes to it: "42 B (7.4×)"; "—" when nothing differed. */
export function floorCell(r: Receipt | undefined): string {
  if (!r || r.ratio === null) return '—';
  return `${bytes(r.floorBytes)} (${Number(r.ratio.toFixed(1))}×)`;
}

/** What the floor is made of: "d 1 of 1,003 keys, E 40 B". */
export function floorParts(r: Receipt | undefined): string {
  if (!r || r.ratio === null) return '';
  return `d ${count(r.differing)} of ${count(r.keys)} keys, E ${bytes(r.entryBytes)}`;
}

/** What the floor is, under the tables that show it. */
export const FLOOR_NOTE =
  'floor: the least any exchange could send, the d differing entries (E bytes) plus ' +
  'log2 C(n, d) bits to name which of the n keys they are';

/**
 * What a rateless exchange did, in one line: "riblt: 15 coded symbols → 2 differences decoded",
 * or why it walked the tree instead. Empty for the other strategies.
 */
export function ribltLine(r: RibltOutcome | undefined): string {
  if (!r) return '';
  if (r.fallback !== undefined) return `riblt fell back to the Merkle walk: ${r.fallback}`;
  if (r.symbols === 0) return '';
  const items = r.decoded === 1 ? 'difference' : 'differences';
  return `riblt: ${count(r.symbols)} coded symbols → ${count(r.decoded)} ${items} decoded`;
}

/** "PUT /kv/user:alice/direct": the request a write line stands for. */
export function writePath(w: WriteLine): string {
  return `${w.method} /kv/${w.key}${w.direct ? '/direct' : ''}`;
}

/** "1 more pair of nodes differs …": the pairs the story leaves out, and where to see them. */
export function morePairs(n: number): string {
  return (
    `${counted(n, 'more pair of nodes differs', 'more pairs of nodes differ')}, not drawn here; ` +
    'with --keep, ae-demo diff shows every pair once the run is over'
  );
}

/** "acked by node2, node3": which peers took a replicated write. */
export function ackedBy(w: WriteLine): string {
  return w.acked && w.acked.length > 0 ? `acked by ${list(w.acked, 8)}` : 'acked by no peer';
}

/**
 * "node3, node4: connection refused": the peers a replicated write did not reach, grouped by
 * why (a reason may hold parentheses of its own, so it is not put in parentheses).
 */
export function failedPeers(w: WriteLine): string {
  const byReason = new Map<string, string[]>();
  for (const f of w.failed ?? []) {
    // Said after the reason with a comma: a reason may end in parentheses of its own.
    const said = f.hinted ? `${f.reason}, kept as a hint` : f.reason;
    byReason.set(said, [...(byReason.get(said) ?? []), f.peer]);
  }
  return [...byReason].map(([reason, peers]) => `${peers.join(', ')}: ${reason}`).join('; ');
}

/**
 * What to type to make running nodes differ, look at them and repair them: suggested by
 * `cluster`, `run --keep` and the live page of a cluster, so they name the same commands.
 */
export function tryCommands(addresses: readonly string[]): string[] {
  const first = addresses[0] ?? '127.0.0.1:9999';
  const all = addresses.join(',');
  return [
    `npx ae-demo put user:alice alice_data --node ${first} --direct`,
    `npx ae-demo inspect user:alice --nodes ${all}`,
    `npx ae-demo diff --nodes ${all}`,
    `npx ae-demo trigger --node ${first}`,
  ];
}

/** The strategies table's columns, the same on the terminal, the page and the report. */
export const COST_HEAD = [
  'strategy',
  'round trips',
  'bytes',
  'entries moved',
  'a full exchange',
  'how',
];

/** One strategy's round as the cells of the strategies table. */
export function costCells(r: CostRow): string[] {
  const how =
    r.strategy === 'merkle'
      ? 'tree digests down to the differing keys'
      : r.strategy === 'riblt'
        ? r.fellBack
          ? `${count(r.symbols)} coded symbols, then the Merkle walk`
          : `${count(r.symbols)} coded symbols, peeled`
        : 'every entry, both ways';
  return [
    r.strategy,
    String(r.roundTrips),
    bytes(r.bytes),
    count(r.moved),
    r.strategy === 'full' ? '—' : beside(r.fullBytes, r.bytes),
    how,
  ];
}

/**
 * How a round went with its peers, counted: "2 repaired, 0 in sync, 0 unreachable", and
 * ", 1 refused" when a peer answered with an error. The terminal's phase line and the page's
 * answer to Trigger say it alike.
 */
export function roundCounts(report: RoundReport): string {
  const n = (status: RoundReport['peers'][number]['status']) =>
    report.peers.filter((p) => p.status === status).length;
  const refused = n('refused') > 0 ? `, ${n('refused')} refused` : '';
  return `${n('repaired')} repaired, ${n('in_sync')} in sync, ${n('unreachable')} unreachable${refused}`;
}
