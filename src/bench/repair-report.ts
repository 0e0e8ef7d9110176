// The repair phase as a table: the same outage repaired by hints and by one Merkle round, side by
// side, with each measure of the round over the hints' (ratios from one run).
import { bytes, count } from '../format.js';
import { renderTable } from '../cli/render/table.js';
import { timesBase } from './ratio-cell.js';
import { REPAIR_BASE, REPAIR_MISSED, type RepairRow } from './repair.js';

const NAMES = { hint: 'hinted handoff', merkle: 'one Merkle round' } as const;

export function repairTable(rows: readonly RepairRow[], width?: number): string {
  const hint = rows.find((r) => r.path === 'hint');
  const vs = (r: RepairRow, n: number, of: number | undefined) =>
    r.path === 'hint' ? '' : timesBase(n, of, 'blank');
  const cells = rows.map((r) => [
    NAMES[r.path],
    `${count(Math.round(r.ms))} ms${vs(r, r.ms, hint?.ms)}`,
    `${bytes(r.bytes)}${vs(r, r.bytes, hint?.bytes)}`,
    count(r.messages),
    count(r.rounds),
  ]);
  const head = ['repaired by', 'return to converged', 'bytes', 'messages', 'rounds run'];
  return (
    `Repair of a short outage (two nodes with data directories, ${count(REPAIR_BASE)} keys on ` +
    `both; ${count(REPAIR_MISSED)} replicated writes of 100-byte values missed by the node while ` +
    'it was down; timed from its return until it holds them all; the round triggered at once)\n' +
    renderTable(head, cells, width)
  );
}
