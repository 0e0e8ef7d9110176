// What keeping each strategy's structure costs a write, and memory per key: the tree (merkle,
// and riblt's fallback), the RIBLT sketch on top of it (riblt), nothing (full). Whole writes
// (Store.apply of an overwrite at 1M keys) with and without the sketch, the sketch's own
// update measured alone, and RSS per key of a store with and without it, in fresh processes.
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { loadHasher } from '../node/replica/hash.js';
import { Store, type StoredEntry } from '../node/replica/store.js';
import { Sketch } from '../node/sync/riblt/sketch.js';

const WRITES = 200_000;
const VALUE = 'v'.repeat(100);
/** Best of this many passes: the machine is shared, so the least disturbed pass counts. */
const PASSES = 3;

export interface UpkeepRow {
  keys: number;
  /** Store.apply of an overwrite (digest, map, tree), without a sketch. */
  applyNs: number;
  /** The same with the sketch kept up to date. */
  applyWithSketchNs: number;
  /** The sketch's own update per overwrite: the old item out, the new one in. */
  sketchNs: number;
  /** Bytes the sketch holds (fixed, whatever the number of keys). */
  sketchBytes: number;
}

export interface UpkeepMemory {
  keys: number;
  /** RSS per key of a store without and with the sketch. */
  bytesPerKey: number;
  bytesPerKeyWithSketch: number;
}

export async function upkeepCost(n: number): Promise<UpkeepRow> {
  const hasher = await loadHasher();
  const sketch = new Sketch();
  const plain = new Store(hasher);
  const kept = new Store(hasher, sketch);
  for (let i = 0; i < n; i++) {
    const e = { key: `key:${i}`, value: VALUE, version: { wall: 1000, logical: 0, node: 'a' } };
    plain.apply(e);
    kept.apply(e);
  }
  // Between the untimed stretches the event loop turns: the progress line and Ctrl-C are heard.
  await turnOfTheLoop();
  let wall = 2000;
  const keys = Array.from({ length: WRITES }, (_, i) => `key:${(i * 7919) % n}`);
  const pass = (store: Store): number => {
    const entries = keys.map((key) => ({
      key,
      value: VALUE,
      version: { wall: (wall += 1000), logical: 0, node: 'a' },
    }));
    const started = process.hrtime.bigint();
    for (const e of entries) store.apply(e);
    return Number(process.hrtime.bigint() - started) / entries.length;
  };
  const applyNs: number[] = [];
  const withSketch: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    applyNs.push(pass(plain));
    withSketch.push(pass(kept));
    await turnOfTheLoop();
  }
  const stored = keys.map((k) => kept.get(k)!) as StoredEntry[];
  const alone: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const started = process.hrtime.bigint();
    for (const e of stored) {
      sketch.removed(e);
      sketch.added(e);
    }
    alone.push(Number(process.hrtime.bigint() - started) / stored.length);
  }
  return {
    keys: n,
    applyNs: Math.min(...applyNs),
    applyWithSketchNs: Math.min(...withSketch),
    sketchNs: Math.min(...alone),
    sketchBytes: sketch.bytes,
  };
}

/** RSS per key at n keys, without and with the sketch, each in a fresh process. */
export async function upkeepMemory(n: number): Promise<UpkeepMemory> {
  const script = fileURLToPath(new URL('./memory.js', import.meta.url));
  const measure = async (sketch: boolean) => {
    const { stdout } = await execa(process.execPath, [
      '--expose-gc',
      script,
      String(n),
      sketch ? 'sketch' : 'plain',
    ]);
    return (JSON.parse(stdout) as { bytesPerKey: number }).bytesPerKey;
  };
  return {
    keys: n,
    bytesPerKey: await measure(false),
    bytesPerKeyWithSketch: await measure(true),
  };
}
