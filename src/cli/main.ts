// The CLI: every command listed explicitly, and the one place that turns errors into exit codes.
// Commands come from specs/: their names, descriptions, flags and examples are here at start,
// their handlers' modules are imported only when they run.
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { benchCommand } from './specs/bench.js';
import { chaosCommand } from './specs/chaos.js';
import { clusterCommand } from './specs/cluster.js';
import { delCommand, putCommand } from './specs/write.js';
import { diffCommand } from './specs/diff.js';
import { inspectCommand } from './specs/inspect.js';
import { nodeCommand } from './specs/node.js';
import { exitCodeOf } from './exit.js';
import { guardEveryCommand } from './lifecycle/interrupt.js';
import { skipHelpCache } from './yargs/lazy.js';
import { runCommand } from './specs/run.js';
import { replayCommand } from './specs/replay.js';
import { scenariosCommand } from './specs/scenarios.js';
import { simulateCommand } from './specs/simulate.js';
import { triggerCommand } from './specs/trigger.js';
import { configureColor, printError } from './render/terminal.js';
import { usageSentence } from './yargs/usage.js';
import { pastableExamples } from './yargs/examples.js';
import { yargs } from './yargs/factory.js';
import type { Plays } from '../story/scenario.js';

const packageJson = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** Runs one command line; `plays` are the scenarios and chaos (demo/), given by bin/ae-demo.js. */
export async function main(args: string[], plays: Plays): Promise<void> {
  configureColor(args);
  const verbose = args.includes('--verbose');
  // Every command, listed explicitly (their names also go into usage errors).
  const commands: CommandModule<any, any>[] = [
    runCommand(plays.scenarios),
    nodeCommand,
    inspectCommand,
    clusterCommand,
    putCommand,
    delCommand,
    triggerCommand,
    diffCommand,
    scenariosCommand(plays.scenarios),
    chaosCommand(plays.chaos),
    benchCommand,
    simulateCommand,
    replayCommand,
  ];
  const names = commands.map((c) => String(c.command).split(' ')[0]!);
  try {
    const cli = yargs(args);
    skipHelpCache(cli);
    // Help fits the terminal (at most 110 columns: longer lines read badly), else 100 columns.
    const helpWidth = Math.min(110, process.stdout.columns || 100);
    pastableExamples(cli, process.stdout.isTTY ? helpWidth : undefined);
    await cli
      .scriptName('ae-demo')
      .usage(
        '$0 <command> [options]\n\nSee, learn and test anti-entropy: replicas that drift apart ' +
          'find their differences with Merkle trees and repair them.',
      )
      .command(commands)
      .option('verbose', {
        type: 'boolean',
        default: false,
        describe: 'Show stack traces of errors',
      })
      .option('color', {
        type: 'boolean',
        describe:
          'Colour output (--no-color turns it off; so do NO_COLOR and a non-terminal stdout)',
      })
      .demandCommand(1, 'Name a command (ae-demo --help lists them); ae-demo run plays the demo.')
      .recommendCommands()
      .strict()
      .example('$0 run', 'start three nodes, make them diverge, repair them with anti-entropy')
      .example('$0 inspect user:alice', 'show one key on every node')
      .version(packageJson.version)
      .help()
      .alias('h', 'help')
      .wrap(helpWidth)
      // Ctrl-C ends every command with the same closing line; a node stops in its own way.
      .middleware((argv) => {
        if (argv._[0] !== 'node') guardEveryCommand();
      })
      .fail((message, error) => {
        throw error ?? new UsageError(usageSentence(message, args, names));
      })
      .parseAsync();
  } catch (error) {
    process.exitCode = exitCodeOf(error);
    printError(error, verbose);
  }
}
