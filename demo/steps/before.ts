// The part before the repair that the seed and clock-skew scenarios share: the story keys on
// every node as the scenario left them, what repairAndVerify compares the end against.
import type { KeyState } from '../../src/cluster/client.js';
import type { Part, ScenarioContext } from '../../src/story/scenario.js';
import { showKeys } from './show.js';

/** The part's name in the outline and its heading. */
export const BEFORE: Part = { short: 'Before anti-entropy', title: 'Before anti-entropy' };

/** Shows the story keys on every node before anti-entropy; returns what it read. */
export function showBefore(
  ctx: ScenarioContext,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  return showKeys(ctx, BEFORE, keys);
}
