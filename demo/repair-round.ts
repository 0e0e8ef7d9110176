// Chaos's closing round: one trigger repairs every node, but only if every peer answered it. A
// peer that a loaded machine or a fresh restart kept from answering in time is not a broken
// promise of anti-entropy, and a divergence it leaves behind is not one either; so the round is
// run again, said aloud, and a peer that never answers is reported as what it is.
import type { TriggerAnswer } from '../src/api/http.js';

/** Rounds chaos tries before it reports the peers that never answered. */
export const MAX_REPAIR_ROUNDS = 3;

export interface RepairOutcome {
  /** Triggers made: 1 unless a peer did not answer. */
  rounds: number;
  /** Peers that did not answer the last round (empty: every node took part). */
  unreachable: string[];
}

/** Triggers until a round reaches every peer, at most MAX_REPAIR_ROUNDS times. */
export async function repairRound(
  trigger: () => Promise<TriggerAnswer>,
  progress: (line: string) => void,
): Promise<RepairOutcome> {
  for (let rounds = 1; ; rounds++) {
    const answer = await trigger();
    const unreachable = answer.peers
      .filter((p) => p.status === 'unreachable')
      .map((p) => (p.reason ? `${p.peer} (${p.reason})` : p.peer));
    if (unreachable.length === 0 || rounds === MAX_REPAIR_ROUNDS) return { rounds, unreachable };
    progress(`round ${rounds}: ${unreachable.join(', ')} did not answer in time; triggering again`);
  }
}
