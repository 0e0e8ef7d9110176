// `ae-demo scenarios` as help shows it; the listing is commands/scenarios.ts.
import type { Argv } from 'yargs';
import type { Scenario } from '../../story/scenario.js';
import { command } from '../yargs/lazy.js';

/** What `run --scenario` can play, from the list the entry point gave. */
export const scenariosCommand = (scenarios: readonly Scenario[]) =>
  command({
    command: 'scenarios',
    describe: 'List the scenarios that run --scenario plays',
    builder: (y: Argv) => y.example('$0 scenarios', 'one line each'),
    options: () => scenarios,
    run: async (list) => (await import('../commands/scenarios.js')).listScenarios(list),
  });
