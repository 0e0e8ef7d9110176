// `ae-demo scenarios`: what `run --scenario` can play, one line each.
import type { Scenario } from '../../story/scenario.js';
import { strong } from '../render/style.js';

/** Each scenario's name and summary. */
export function listScenarios(scenarios: readonly Scenario[]): void {
  const width = Math.max(...scenarios.map((s) => s.name.length));
  for (const s of scenarios)
    process.stdout.write(`${strong(s.name.padEnd(width))}  ${s.summary}\n`);
}
