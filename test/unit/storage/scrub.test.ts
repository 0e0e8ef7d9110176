// The checksum and the scrub without a disk: rows as storage hands them over, damaged one field
// at a time, and a scrub over pages in memory with a hand-fed store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { Store, type StoredEntry } from '../../../src/node/replica/store.js';
import {
  checkRows,
  checksumOf,
  viaCode,
  viaOfRow,
  type SummedRow,
} from '../../../src/node/storage/checksum.js';
import { Scrub } from '../../../src/node/storage/scrub.js';
import { newCounters } from '../../../src/node/stats.js';
import { entry } from '../../helpers/replica.js';
import { until } from '../../helpers/poll.js';

const hasher = await loadHasher();

function rowOf(e: StoredEntry): SummedRow {
  const { key, value, wall, logical, node, hi, lo } = e;
  return [key, value, wall, logical, node, e.place | 0, hi, lo, checksumOf(e), viaCode(e.via)];
}

async function filled(n: number): Promise<Store> {
  const store = new Store(hasher);
  for (let i = 0; i < n; i++) store.apply(entry(`k${i}`, i % 4 ? `v${i}` : null, 1_000 + i));
  return store;
}

/** The row with column `c` changed as a flipped bit would change it. */
function flipped(row: SummedRow, c: number): SummedRow {
  const copy = [...row] as unknown[];
  const v = copy[c];
  copy[c] =
    typeof v === 'string'
      ? String.fromCharCode(v.charCodeAt(0) ^ 1) + v.slice(1)
      : v === null
        ? ''
        : (v as number) ^ 0x100;
  return copy as unknown as SummedRow;
}

describe('the row checksum', () => {
  it('passes every good row, with its stored hashes', async () => {
    const rows = [...(await filled(50)).entries()].map(rowOf);
    const { good, damaged, unchecked } = checkRows(rows);
    assert.deepEqual([good.length, damaged, unchecked], [50, [], 0]);
    assert.deepEqual(good[3]!.slice(0, 8), rows[3]!.slice(0, 8));
  });

  it('finds a flip in any column: key, value, version, hashes, the checksum itself or via', async () => {
    const [row] = [...(await filled(2)).entries()].slice(1).map(rowOf);
    for (let c = 0; c < 10; c++) {
      const { good, damaged } = checkRows([flipped(row!, c)]);
      assert.equal(good.length, 0, `column ${c}`);
      assert.equal(damaged.length, 1, `column ${c}`);
    }
  });

  it('finds every single flipped bit of a value, every time', async () => {
    const store = new Store(hasher);
    const row = rowOf(store.merge(entry('user:carol', 'carol_data_good', 7))!);
    const value = row[1]!;
    let found = 0;
    for (let i = 0; i < value.length; i++)
      for (let bit = 0; bit < 16; bit++) {
        const changed =
          value.slice(0, i) +
          String.fromCharCode(value.charCodeAt(i) ^ (1 << bit)) +
          value.slice(i + 1);
        found += checkRows([[row[0], changed, ...row.slice(2)] as unknown as SummedRow]).damaged
          .length;
      }
    assert.equal(found, value.length * 16);
  });

  it('tells a tombstone from an empty value', async () => {
    const store = new Store(hasher);
    const e = store.merge(entry('k', '', 5))!;
    const row = rowOf(e);
    assert.equal(
      checkRows([[row[0], null, ...row.slice(2)] as unknown as SummedRow]).damaged.length,
      1,
    );
  });

  it('damage in a column type (a blob where text was, a hash gone) is damage', async () => {
    const [row] = [...(await filled(2)).entries()].slice(1).map(rowOf);
    const blob = [...row!] as unknown[];
    blob[1] = Buffer.from('v1');
    const noHash = [...row!] as unknown[];
    noHash[6] = null;
    const rows = [blob, noHash] as unknown as SummedRow[];
    assert.deepEqual(checkRows(rows).damaged, ['k1', 'k1']);
  });

  it('a row stored without a checksum is loaded with its hashes dropped, to be computed again', async () => {
    const [row] = [...(await filled(1)).entries()].map(rowOf);
    const old = [...row!.slice(0, 8), null] as unknown as SummedRow;
    const { good, unchecked } = checkRows([old]);
    assert.equal(unchecked, 1);
    assert.deepEqual(good[0]!.slice(5), [null, null, null]);
  });
});

describe('the scrub', () => {
  /** A scrub over `rows` (edited between passes), dropping keys from `store`. */
  function scrubOf(store: Store, rows: SummedRow[], known: string[] = []) {
    const counters = newCounters();
    const log: string[] = [];
    const forgotten: string[] = [];
    let t = 0;
    const scrub = new Scrub({
      pages: function* () {
        for (let i = 0; i < rows.length; i += 7) yield rows.slice(i, i + 7);
      },
      drop: (key) => {
        forgotten.push(key);
        store.forget(key);
      },
      counters,
      log: (line) => log.push(line),
      intervalMs: 0,
      known,
      now: () => (t += 5),
      pause: () => Promise.resolve(),
    });
    return { scrub, counters, log, forgotten };
  }

  it('drops a damaged entry from memory once, counts and logs it, and counts it again after a repair', async () => {
    const store = await filled(40);
    const rows = [...store.entries()].map(rowOf);
    const { scrub, counters, log, forgotten } = scrubOf(store, rows);
    assert.deepEqual((await scrub.run()).damaged, []);

    const at = rows.findIndex((r) => r[0] === 'k13');
    const good = rows[at]!;
    rows[at] = flipped(good, 1);
    const first = await scrub.run();
    assert.deepEqual([first.rows, first.damaged], [40, ['k13']]);
    assert.equal(store.get('k13'), undefined, 'treated as missing');
    assert.equal(store.size, 39);
    assert.equal(counters.corrupt, 1);
    assert.match(log.join('\n'), /"k13" damaged/);
    assert.deepEqual((await scrub.run()).damaged, [], 'known: not counted twice');
    assert.equal(counters.corrupt, 1);

    rows[at] = good; // repaired and written back
    store.apply(entry('k13', 'v13', 1_013));
    await scrub.run();
    rows[at] = flipped(good, 6);
    assert.deepEqual((await scrub.run()).damaged, ['k13'], 'damaged again: found again');
    assert.deepEqual(forgotten, ['k13', 'k13']);
    assert.equal(counters.corrupt, 2);
    assert.deepEqual([counters.scrub.runs, counters.scrub.rowsChecked], [5, 200]);
    assert.equal(counters.scrub.lastRunMs, 5, 'from the injected clock');
  });

  it('does not count again what the start-up check found', async () => {
    const store = await filled(10);
    const rows = [...store.entries()].map(rowOf);
    rows[2] = flipped(rows[2]!, 7);
    const { scrub, counters } = scrubOf(store, rows, [rows[2]![0]]);
    assert.deepEqual((await scrub.run()).damaged, []);
    assert.equal(counters.corrupt, 0);
  });

  it('a pass that cannot read the file is logged and counted, and the next pass still runs', async () => {
    const counters = newCounters();
    const log: string[] = [];
    let calls = 0;
    const scrub = new Scrub({
      pages: function* () {
        calls += 1;
        throw new Error('database disk image is malformed');
      },
      drop: () => undefined,
      counters,
      log: (line) => log.push(line),
      intervalMs: 1,
      now: () => 0,
      pause: () => Promise.resolve(),
    });
    scrub.start();
    await until('two failed passes', async () => counters.scrub.failed >= 2, 5_000, 2);
    await scrub.stop();
    assert.ok(calls >= 2);
    assert.match(log[0]!, /could not read the file \(database disk image is malformed\)/);
    assert.equal(counters.scrub.runs, 0);
  });

  it('keeps how the node got an entry, and checks it: a changed path is damage', () => {
    const store = new Store(hasher);
    const row = rowOf(store.merge(entry('user:alice', 'alice_data', 7), 'hint')!);
    const { good } = checkRows([row]);
    assert.equal(viaOfRow(good[0]!), 'hint');
    const other = [...row.slice(0, 9), viaCode('read-repair')] as unknown as SummedRow;
    assert.deepEqual(checkRows([other]).damaged, ['user:alice']);
  });

  it('a row from before provenance, or overwritten by a build that keeps none, says client', () => {
    const store = new Store(hasher);
    const e = store.merge(entry('user:bob', 'bob_data', 7), 'anti-entropy')!;
    const row = rowOf(e);
    const before = [
      ...row.slice(0, 8),
      checksumOf({ ...e.version, key: e.key, value: e.value, place: e.place, hi: e.hi, lo: e.lo }),
    ];
    const overwritten = [...before, viaCode('anti-entropy')];
    const { good, damaged } = checkRows([before, overwritten] as unknown as SummedRow[]);
    assert.deepEqual(damaged, []);
    assert.deepEqual(good.map(viaOfRow), ['client', 'client']);
  });
});
