// A failing schedule made shorter: chunks of steps are taken out, halving the chunk size down to
// one step, and a cut is kept whenever the shorter schedule still fails (delta debugging's
// simplest form). Every try replays the schedule on real nodes, so the tries are capped.
import type { Step } from '../../src/story/chaos.js';

/** Replays a shrink may make: each costs a whole run (a few seconds with restarts). */
export const MAX_SHRINK_TRIES = 40;

/** The shortest schedule found that `fails`, and the tries it took. */
export async function shrink(
  steps: readonly Step[],
  fails: (steps: Step[]) => Promise<boolean>,
  maxTries = MAX_SHRINK_TRIES,
): Promise<{ steps: Step[]; tries: number }> {
  let kept = [...steps];
  let tries = 0;
  for (let chunk = Math.ceil(kept.length / 2); chunk >= 1 && tries < maxTries;) {
    let cutAny = false;
    for (let at = 0; at < kept.length && tries < maxTries;) {
      const candidate = [...kept.slice(0, at), ...kept.slice(at + chunk)];
      tries += 1;
      if (candidate.length > 0 && (await fails(candidate))) {
        kept = candidate;
        cutAny = true;
      } else at += chunk;
    }
    if (chunk === 1 && !cutAny) break;
    chunk = chunk === 1 ? 1 : Math.ceil(chunk / 2);
  }
  return { steps: kept, tries };
}
