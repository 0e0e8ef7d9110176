// Every scenario, listed explicitly (no globbing): `ae-demo scenarios` and `run --scenario`.
import { seed } from './seed.js';
import type { Scenario } from './types.js';

export const scenarios: readonly Scenario[] = [seed];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
