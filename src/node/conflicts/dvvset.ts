// A dotted version vector set (Almeida, Baquero, Gonçalves, Preguiça, Fonte): the concurrent
// values of one key with the causal history that tells a newer value from a concurrent one.
// Pure: no clock, no I/O; a write's stamp and node come from the caller.
//
// The set is one column per node that ever wrote the key, sorted by node id. A column holds the
// node's counter (how many writes of the key it has issued, or seen) and the values of its
// writes that still stand, newest first: value i carries the dot (node, counter - i). Values
// whose dots another value's history covers are gone; the rest are the siblings.

/** One write of a key as a sibling: a value or a deletion (null), stamped where it was made. */
export interface Sibling {
  readonly value: string | null;
  /** The writer's hybrid clock at the write (µs, and a tie-breaker): for display and ttl. */
  readonly wall: number;
  readonly logical: number;
  /** What the client had seen when it wrote: the context it sent, node -> counter. */
  readonly seen: Context;
}

/** One node's part: its counter, and its standing values, newest first. */
export interface Column {
  readonly node: string;
  readonly counter: number;
  readonly values: readonly Sibling[];
}

/** The columns, sorted by node id (plain string comparison), with no node twice. */
export type SiblingSet = readonly Column[];

/** A causal history: node -> counter, sorted by node id, no zero counters. */
export type Context = readonly (readonly [node: string, counter: number])[];

/** A sibling with its dot: which node wrote it, and its number among that node's writes. */
export interface Dotted extends Sibling {
  readonly node: string;
  readonly counter: number;
}

/** A set holding one write made with no history (the first write of a key on this node). */
export function single(node: string, sibling: Sibling): SiblingSet {
  return [{ node, counter: 1, values: [sibling] }];
}

/**
 * Both sets' histories together, keeping every value that neither history has discarded: what
 * two replicas hold after they exchange. Commutative, associative and idempotent.
 */
export function sync(a: SiblingSet, b: SiblingSet): SiblingSet {
  const out: Column[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.node < y.node)) {
      out.push(x!);
      i++;
    } else if (x === undefined || y.node < x.node) {
      out.push(y);
      j++;
    } else {
      out.push(mergeColumn(x, y));
      i++;
      j++;
    }
  }
  return out;
}

/**
 * One node's column from two replicas: the higher counter, and the values that are newer than
 * what either side had already discarded. A side's discarded dots are those up to its counter
 * minus its values; a dot past a side's counter is one it has not seen, so it stays.
 */
function mergeColumn(x: Column, y: Column): Column {
  const [hi, lo] =
    x.counter > y.counter || (x.counter === y.counter && ahead(x, y)) ? [x, y] : [y, x];
  const hiFloor = hi.counter - hi.values.length;
  const loFloor = lo.counter - lo.values.length;
  if (hiFloor >= loFloor) return hi;
  // lo discarded dots up to loFloor that hi still holds: keep hi's values above loFloor.
  return { node: hi.node, counter: hi.counter, values: hi.values.slice(0, hi.counter - loFloor) };
}

/**
 * Whether `a` already holds everything `b` holds: sync(a, b) would be `a` itself. Walks the
 * columns once and builds no joined set (a compare, not a merge).
 */
export function descends(a: SiblingSet, b: SiblingSet): boolean {
  let i = 0;
  for (const y of b) {
    while (i < a.length && a[i]!.node < y.node) i++;
    const x = a[i];
    if (x === undefined || x.node !== y.node || !sameColumn(mergeColumn(x, y), x)) return false;
  }
  return true;
}

/** Two columns with the same counter and the same values, stamp for stamp. */
function sameColumn(x: Column, y: Column): boolean {
  if (x === y) return true;
  if (x.counter !== y.counter || x.values.length !== y.values.length) return false;
  return x.values.every((v, k) => sameSibling(v, y.values[k]!));
}

function sameSibling(v: Sibling, w: Sibling): boolean {
  if (v === w) return true;
  if (v.wall !== w.wall || v.logical !== w.logical || v.value !== w.value) return false;
  if (v.seen.length !== w.seen.length) return false;
  return v.seen.every(([n, k], j) => w.seen[j]![0] === n && w.seen[j]![1] === k);
}

/**
 * Which of two columns at one counter to keep when both hold the same dots: they hold the same
 * values unless a node issued a dot twice (it lost its data), and then the newer stamp is kept
 * on every replica alike, so the sets still converge.
 */
function ahead(x: Column, y: Column): boolean {
  if (x.values.length !== y.values.length) return x.values.length < y.values.length;
  const a = x.values[0];
  const b = y.values[0];
  if (!a || !b) return true;
  return a.wall !== b.wall ? a.wall > b.wall : a.logical >= b.logical;
}

/** The whole history the set has seen: what a client sends back to supersede these values. */
export function join(set: SiblingSet): Context {
  return set.map((c) => [c.node, c.counter] as const);
}

/**
 * A write at `node` by a client that had seen `context` (none: it saw nothing): the values the
 * context covers are superseded, the rest stay as siblings, and the new one gets the next dot.
 */
export function update(
  set: SiblingSet,
  context: Context,
  node: string,
  write: Omit<Sibling, 'seen'>,
): SiblingSet {
  const seen = new Map(context);
  const covered = set.map((c) => discard(c, seen.get(c.node) ?? 0));
  // A context may name nodes this replica has not heard of yet: their history joins too.
  const known = sync(
    covered,
    context.map(([n, counter]) => ({ node: n, counter, values: [] })),
  );
  const sibling: Sibling = { ...write, seen: context };
  const at = known.findIndex((c) => c.node >= node);
  const column = known[at];
  if (column?.node === node) {
    const grown = { node, counter: column.counter + 1, values: [sibling, ...column.values] };
    return [...known.slice(0, at), grown, ...known.slice(at + 1)];
  }
  const fresh = { node, counter: 1, values: [sibling] };
  return at < 0 ? [...known, fresh] : [...known.slice(0, at), fresh, ...known.slice(at)];
}

/** A column without the values whose dots are at or below `upTo`. */
function discard(column: Column, upTo: number): Column {
  const keep = Math.max(0, Math.min(column.values.length, column.counter - upTo));
  if (keep === column.values.length) return column;
  return { node: column.node, counter: column.counter, values: column.values.slice(0, keep) };
}

/** Every standing value with its dot, in column order (node id), newest first within one. */
export function values(set: SiblingSet): Dotted[] {
  const out: Dotted[] = [];
  for (const c of set)
    c.values.forEach((v, i) => out.push({ ...v, node: c.node, counter: c.counter - i }));
  return out;
}

/** Whether `context` covers the write with this dot. */
export function covers(context: Context, node: string, counter: number): boolean {
  for (const [n, k] of context) if (n === node) return k >= counter;
  return false;
}

/** Whether every value of the set is a deletion: the key reads as deleted. */
export function allDeleted(set: SiblingSet): boolean {
  return set.every((c) => c.values.every((v) => v.value === null));
}

/** The newest stamp among the values (by wall, logical, then node id): the set's version. */
export function newest(set: SiblingSet): { wall: number; logical: number; node: string } {
  let best: { wall: number; logical: number; node: string } | undefined;
  for (const c of set) {
    for (const v of c.values) {
      if (
        !best ||
        v.wall > best.wall ||
        (v.wall === best.wall &&
          (v.logical > best.logical || (v.logical === best.logical && c.node > best.node)))
      )
        best = { wall: v.wall, logical: v.logical, node: c.node };
    }
  }
  if (!best) throw new Error('newest: a sibling set holds at least one value');
  return best;
}
