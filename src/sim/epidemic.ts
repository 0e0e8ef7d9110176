// The rounds push-pull gossip with one random peer a round needs to reach N replicas, before
// the last few: log3(N) (constants.ts, PUSH_PULL_GROWTH, says why), for the terminal, the
// report and the benchmark alike.
import { PUSH_PULL_GROWTH } from './constants.js';

export function log3(n: number): number {
  return Math.log(n) / Math.log(PUSH_PULL_GROWTH);
}
