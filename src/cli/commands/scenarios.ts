// `ae-demo scenarios`: what `run --scenario` can play, one each, its summary wrapped to the
// terminal under the summaries' column.
import type { Scenario } from '../../story/scenario.js';
import { strong } from '../render/style.js';
import { terminalWidth, wrap } from '../render/wrap.js';

/** Between a scenario's name and its summary. */
const GAP = '  ';

/** Each scenario's name and summary. */
export function listScenarios(scenarios: readonly Scenario[]): void {
  const names = Math.max(...scenarios.map((s) => s.name.length));
  const width = terminalWidth();
  const hanging = ' '.repeat(names + GAP.length);
  for (const s of scenarios)
    process.stdout.write(
      `${wrap(`${strong(s.name.padEnd(names))}${GAP}${s.summary}`, width, hanging)}\n`,
    );
}
