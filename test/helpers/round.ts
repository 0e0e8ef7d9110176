// One trigger's round on an in-memory replica, with each peer over the transport given for it:
// the scheduler as a node runs it, with no timer, no jitter and a still clock.
import type { RoundReport } from '../../src/api/reports.js';
import type { Strategy } from '../../src/api/strategies.js';
import type { Replica, Transport } from '../../src/node/sync/exchange.js';
import { AntiEntropy } from '../../src/node/sync/scheduler.js';
import { newCounters } from '../../src/node/stats.js';
import { HandTimer } from './hand-timer.js';
import { MAX_VALUE } from './replica.js';

/** A scheduler of `local` that runs rounds only when asked, reaching each peer by `transport`. */
export function onTrigger(
  local: Replica,
  transport: ConstructorParameters<typeof AntiEntropy>[0]['transport'],
  strategy: Strategy,
): AntiEntropy {
  return new AntiEntropy({
    node: 'a',
    replica: local,
    transport,
    strategy,
    maxValueBytes: MAX_VALUE,
    intervalMs: 0,
    counters: newCounters(),
    now: () => 0,
    random: () => 0.5,
    timer: new HandTimer(),
  });
}

/** Runs one round of `local` with every peer named in `peers`, at once, as a trigger does. */
export function triggeredRound(
  local: Replica,
  peers: Record<string, Transport>,
  strategy: Strategy,
): Promise<RoundReport> {
  return onTrigger(local, (peer) => peers[peer]!, strategy).round(Object.keys(peers));
}
