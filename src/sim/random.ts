// The simulator's seeded randomness is the one every part of ae-demo uses (src/random.ts).
export { below, rng } from '../random.js';
