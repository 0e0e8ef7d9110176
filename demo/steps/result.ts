// Results: a scenario's verdict and what it saw before and after, and two parts combined.
import type { KeyState } from '../../src/cluster/client.js';
import type { Snapshot } from '../../src/api/http.js';
import type { KeysByNode, ScenarioResult, ShownRound } from '../../src/story/scenario.js';
import { byNode, roots } from './read.js';
import type { Verification } from './verify.js';

/** A scenario's result: the verification plus its own checks, and what it saw before and after. */
export function outcome(
  verdict: Verification,
  failedChecks: string[],
  before: Record<string, KeyState[]>,
  after: Record<string, KeyState[]>,
  snapsBefore: Snapshot[],
  reports: ShownRound[],
): ScenarioResult {
  return {
    converged: verdict.converged && failedChecks.length === 0,
    problems: [...verdict.problems, ...failedChecks],
    before: byNode(before),
    after: byNode(after),
    roots: { before: roots(snapsBefore), after: verdict.roots },
    antiEntropy: reports,
    keys: verdict.keys,
  };
}

/** Two parts of one scenario as one result: both must hold, and every key of both is shown. */
export function combine(first: ScenarioResult, second: ScenarioResult): ScenarioResult {
  const merge = (a: KeysByNode, b: KeysByNode): KeysByNode =>
    Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])].map((node) => [
        node,
        { ...a[node], ...b[node] },
      ]),
    );
  return {
    ...second,
    converged: first.converged && second.converged,
    problems: [...first.problems, ...second.problems],
    before: merge(first.before, second.before),
    after: merge(first.after, second.after),
    antiEntropy: [...first.antiEntropy, ...second.antiEntropy],
  };
}
