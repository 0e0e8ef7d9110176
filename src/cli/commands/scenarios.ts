// `ae-demo scenarios`: what `run --scenario` can play.
import type { CommandModule } from 'yargs';
import chalk from 'chalk';
import { scenarios } from '../../../demo/index.js';

export const scenariosCommand: CommandModule = {
  command: 'scenarios',
  describe: 'List the scenarios that run --scenario plays',
  builder: (y) => y.example('$0 scenarios', 'one line each'),
  handler: () => {
    const width = Math.max(...scenarios.map((s) => s.name.length));
    for (const s of scenarios)
      process.stdout.write(`${chalk.bold(s.name.padEnd(width))}  ${s.summary}\n`);
  },
};
