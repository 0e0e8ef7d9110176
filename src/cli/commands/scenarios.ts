// `ae-demo scenarios`: what `run --scenario` can play.
import type { CommandModule } from 'yargs';
import type { Scenario } from '../../story/scenario.js';
import { strong } from '../render/style.js';

/** The command, listing the scenarios the entry point gave. */
export const scenariosCommand = (scenarios: readonly Scenario[]): CommandModule => ({
  command: 'scenarios',
  describe: 'List the scenarios that run --scenario plays',
  builder: (y) => y.example('$0 scenarios', 'one line each'),
  handler: () => {
    const width = Math.max(...scenarios.map((s) => s.name.length));
    for (const s of scenarios)
      process.stdout.write(`${strong(s.name.padEnd(width))}  ${s.summary}\n`);
  },
});
