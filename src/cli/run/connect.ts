// `run --connect`: the story played on nodes that already run elsewhere. It starts and stops no
// node; a scenario that must set its nodes up (flags, a strategy, a timer) cannot be played on
// them, nor one that kills and restarts a node unless the user gave the command that does it
// (--restart-command), and each says so before anything happens.
import { UsageError } from '../../errors.js';
import type { Scenario } from '../../story/scenario.js';
import type { NodeCommands } from '../../cluster/node-commands.js';
import { parseAddresses } from '../flags/values.js';

/** --connect's addresses: two or more. */
export function connectAddresses(raw: string): string[] {
  const addresses = parseAddresses(raw, '--connect');
  if (addresses.length < 2)
    throw new UsageError('--connect needs two node addresses or more, host:port,host:port.');
  return addresses;
}

/** --connect's addresses, checked against the scenario and the other flags. */
export function checkConnect(
  raw: string,
  scenario: Scenario,
  flags: { keep: boolean; commands: NodeCommands },
): string[] {
  const addresses = connectAddresses(raw);
  if (scenario.durable && flags.commands.restart === undefined)
    throw new UsageError(
      `Scenario ${scenario.name} kills and restarts a node, which --connect can do only through ` +
        "a command of yours: add --restart-command (such as 'kubectl delete pod {id}'), or play " +
        'it without --connect.',
    );
  const why = cannotConnect(scenario);
  if (why)
    throw new UsageError(
      `Scenario ${scenario.name} ${why}, which --connect cannot do to nodes running elsewhere; ` +
        'play it without --connect.',
    );
  if (flags.keep)
    throw new UsageError(
      '--keep means nothing with --connect: the nodes run on after the run anyway.',
    );
  return addresses;
}

/** Why a scenario needs nodes this CLI starts itself; undefined when it does not. */
function cannotConnect(s: Scenario): string | undefined {
  if (s.nodeArgs) return 'starts its nodes with flags of their own';
  if (s.strategy) return `starts its nodes with the ${s.strategy} strategy`;
  if (s.aeIntervalMs) return 'starts its nodes with periodic anti-entropy';
  return undefined;
}
