// A seeded PRNG (mulberry32): the same seed plays the same sequence of operations.
export { below, rng } from '../src/random.js';
