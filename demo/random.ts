// A seeded PRNG (mulberry32): the same seed plays the same sequence of operations.
export { rng } from '../src/sim/random.js';
