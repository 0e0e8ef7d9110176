// The conflicts phase as a table: each mode's bytes, exchange cost and write rate, and the
// ratio of siblings to last write wins beside them.
import { count } from '../format.js';
import { renderTable } from '../cli/render/table.js';
import { timesBase } from './ratio-cell.js';
import { CONFLICT_DIFFERING, CONFLICT_KEYS, type ConflictRow } from './conflicts.js';

export function conflictsTable(rows: readonly ConflictRow[], width?: number): string {
  const head = [
    'conflicts',
    'bytes per entry',
    'with 2 siblings',
    'exchange bytes/E',
    'values kept',
    'writes/s',
    'HTTP PUT/s',
  ];
  const lww = rows.find((r) => r.conflicts === 'lww');
  const vs = (r: ConflictRow, n: number, of: number | undefined) =>
    r.conflicts === 'lww' ? '' : timesBase(n, of, 'quotient');
  const cells = rows.map((r) => [
    r.conflicts,
    `${r.bytesPerEntry.toFixed(1)}${vs(r, r.bytesPerEntry, lww?.bytesPerEntry)}`,
    r.bytesPerEntryTwoSiblings === null ? '—' : r.bytesPerEntryTwoSiblings.toFixed(1),
    `${r.exchangeBytesPerE.toFixed(2)}${vs(r, r.exchangeBytesPerE, lww?.exchangeBytesPerE)}`,
    `${r.valuesKept} of 2`,
    `${count(Math.round(r.writesPerSecond))}${vs(r, r.writesPerSecond, lww?.writesPerSecond)}`,
    r.httpWritesPerSecond === undefined
      ? '—'
      : `${count(Math.round(r.httpWritesPerSecond))}` +
        (r.httpShareOfLww === undefined ? '' : ` (${r.httpShareOfLww.toFixed(2)}×)`),
  ]);
  return (
    `Conflict modes (one process, ${count(CONFLICT_KEYS)} keys of 100-byte values; ` +
    `${CONFLICT_DIFFERING} keys written at once on two replicas after one read, then one Merkle ` +
    'exchange; writes/s: local writes, a siblings write after reading the context; HTTP ' +
    'PUT/s: replicated PUTs of fresh keys to a three-node cluster, the ratio paired by round)\n' +
    renderTable(head, cells, width)
  );
}
