// Damage on disk, as a failing drive makes it: one byte of a stored row flipped in the SQLite
// file itself, not through SQL (which would run the table's triggers and keep it consistent).
// The row's record is found by its bytes: SQLite's record format, columns in table order, each
// integer in the fewest bytes its serial type allows, big-endian.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/node/storage/sqlite.js';

/** The column a flipped byte lands in. */
export type Field = 'value' | 'wall' | 'hi';

type Column = string | number | null;

/** The bytes of an integer as SQLite stores it in a record (serial types 1 to 6, 8, 9). */
function intBytes(n: number): Buffer {
  if (n === 0 || n === 1) return Buffer.alloc(0);
  for (const size of [1, 2, 3, 4, 6]) {
    const bound = 2 ** (8 * size - 1);
    if (n >= -bound && n < bound) {
      const b = Buffer.alloc(size);
      b.writeIntBE(n, 0, size);
      return b;
    }
  }
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

const bytesOf = (c: Column) =>
  c === null ? Buffer.alloc(0) : typeof c === 'string' ? Buffer.from(c) : intBytes(c);

/** Where the flip landed, and the byte before and after it. */
export interface Flip {
  file: string;
  offset: number;
  /** The flipped byte's index within its column's stored bytes. */
  at: number;
  before: number;
  after: number;
}

/**
 * Flips one byte of `field` in the row of `key`, in the database file of `dir`, whose node must
 * be stopped, or have no page of the row left only in its write-ahead log (checkpointed here).
 * For `wall`, the flip makes the version newer (a damaged row must not win by it). Returns the
 * file, the offset and the byte.
 */
export async function flipStoredByte(dir: string, key: string, field: Field): Promise<Flip> {
  const file = path.join(dir, DATABASE_FILE);
  // Loaded here: only the scenarios and tests that damage a data directory need the driver.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const row = db
    .prepare(
      'SELECT key, value, wall, logical, node, place, hi, lo, sum FROM entries WHERE key = ?',
    )
    .raw(true)
    .get(key) as Column[] | undefined;
  db.close();
  if (!row) throw new Error(`flipStoredByte: no row for ${key}`);
  const parts = row.map(bytesOf);
  const body = Buffer.concat(parts);
  const bytes = readFileSync(file);
  const at = bytes.indexOf(body);
  if (at < 0 || bytes.indexOf(body, at + 1) >= 0)
    throw new Error(`flipStoredByte: the record of ${key} is not in the file exactly once`);
  const column = { value: 1, wall: 2, hi: 6 }[field];
  const start = at + parts.slice(0, column).reduce((n, p) => n + p.length, 0);
  const size = parts[column]!.length;
  let offset: number;
  let mask: number;
  if (field === 'wall') {
    // A clear bit of the third byte from the end set: the version moves ahead by 2^16+ µs.
    offset = start + size - 3;
    mask = 1 << [...Array(8).keys()].find((b) => (bytes[offset]! & (1 << b)) === 0)!;
  } else {
    // A middle byte, its lowest bit: an ASCII value stays ASCII, and still valid UTF-8.
    offset = start + Math.floor(size / 2);
    mask = 1;
  }
  const before = bytes[offset]!;
  bytes[offset] = before ^ mask;
  // That byte alone, in place: a reader of the file at that moment sees nothing else change.
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, offset, 1, offset);
  } finally {
    closeSync(fd);
  }
  return { file, offset, at: offset - start, before, after: before ^ mask };
}
