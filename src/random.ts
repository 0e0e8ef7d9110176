// Seeded randomness (mulberry32): the same seed plays the same sequence, so a simulation, a
// scenario's operations and a node's injected network faults can be replayed byte for byte.

/** A generator of numbers in [0, 1) from a 32-bit seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function below(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
