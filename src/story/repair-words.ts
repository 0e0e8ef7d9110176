// The repair paths in words, for the terminal and the page alike: how a node got an entry, and
// the repair-paths table, one row a path named as a reader knows it, with what it repaired, how
// long it took from when it could begin, and what it moved.
import { bytes, count } from '../format.js';
import type { Via } from '../api/repair.js';
import type { RepairPathRow } from './events.js';

/** How a node got the version it holds (GET /kv's `via`), as a reader says it. */
const VIA_WORDS: Record<Via, string> = {
  client: 'written here',
  replication: 'by replication',
  hint: 'by hinted handoff',
  'read-repair': 'by read repair',
  'anti-entropy': 'by anti-entropy',
};

export function viaWords(via: Via): string {
  return VIA_WORDS[via];
}

export const REPAIR_PATH_HEAD = [
  'path',
  'entries repaired',
  'took',
  'timed from',
  'bytes',
  'messages',
];

/** Each path by the name the README gives it. */
const PATH_NAMES: Record<RepairPathRow['path'], string> = {
  hint: 'hinted handoff',
  readRepair: 'read repair',
  antiEntropy: 'anti-entropy (Merkle round)',
};

/** A path by its name ("hinted handoff"). */
export function pathName(path: RepairPathRow['path']): string {
  return PATH_NAMES[path];
}

/** Where each path's time starts: when it could first do its work. */
function timedFrom(path: RepairPathRow['path'], returned: string): string {
  if (path === 'hint') return `${returned}'s return`;
  return path === 'readRepair' ? 'the read' : 'the trigger';
}

/** A duration the way the table shows it: whole milliseconds. */
function millis(ms: number): string {
  return `${count(Math.round(ms))} ms`;
}

/** One path's row; `returned`: the node that came back (hints are timed from its return). */
export function repairPathCells(r: RepairPathRow, returned: string): string[] {
  return [
    PATH_NAMES[r.path],
    count(r.entries),
    millis(r.ms),
    timedFrom(r.path, returned),
    bytes(r.bytes),
    count(r.messages),
  ];
}
