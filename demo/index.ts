// Every scenario, listed explicitly (no globbing): `ae-demo scenarios` and `run --scenario`.
import { bitRot } from './bit-rot.js';
import { clockSkew } from './clock-skew.js';
import { concurrent } from './concurrent.js';
import { crash } from './crash.js';
import { deletes } from './delete.js';
import { partition } from './partition.js';
import { periodic } from './periodic.js';
import { repairPaths } from './repair-paths.js';
import { seed } from './seed.js';
import { splitBrain } from './split-brain.js';
import type { Plays, Scenario } from '../src/story/scenario.js';
import { strategies } from './strategies.js';

export const scenarios: readonly Scenario[] = [
  seed,
  partition,
  crash,
  splitBrain,
  deletes,
  clockSkew,
  concurrent,
  periodic,
  strategies,
  bitRot,
  repairPaths,
];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}

/** What bin/ae-demo.js hands the CLI: the scenarios, and chaos (loaded when it is asked for). */
export const plays: Plays = {
  scenarios,
  chaos: () => import('./chaos.js').then((m) => m.chaos),
};
