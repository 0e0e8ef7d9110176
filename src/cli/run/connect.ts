// `run --connect`: the story played on nodes that already run elsewhere. It starts and stops no
// node; a scenario that must set its nodes up (flags, a data directory to crash and restart
// from, a strategy, a timer) cannot be played on them, and says so before anything happens.
import { UsageError } from '../../errors.js';
import { CLUSTER_KEY_ENV } from '../../api/process.js';
import type { Scenario } from '../../story/scenario.js';
import { parseAddresses } from '../flags/values.js';

/** Where connected nodes' key comes from: the variable the nodes read, or the CLI's own. */
export const CONNECT_KEY_ENVS = ['AE_CLUSTER_KEY', CLUSTER_KEY_ENV] as const;

/** --connect's addresses, checked against the scenario and the other flags. */
export function checkConnect(
  raw: string,
  scenario: Scenario,
  flags: { keep: boolean; web: boolean },
): string[] {
  const addresses = parseAddresses(raw, '--connect');
  if (addresses.length < 2)
    throw new UsageError('--connect needs two node addresses or more, host:port,host:port.');
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
  if (flags.web)
    throw new UsageError('run --web cannot show nodes given by --connect yet; leave out --web.');
  return addresses;
}

/** Why a scenario needs nodes this CLI starts itself; undefined when it does not. */
function cannotConnect(s: Scenario): string | undefined {
  if (s.durable) return 'kills and restarts a node from its data directory';
  if (s.nodeArgs) return 'starts its nodes with flags of their own';
  if (s.strategy) return `starts its nodes with the ${s.strategy} strategy`;
  if (s.aeIntervalMs) return 'starts its nodes with periodic anti-entropy';
  return undefined;
}

/** The key for connected nodes, from the environment (none: their admin routes are open). */
export function connectKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of CONNECT_KEY_ENVS) if (env[name]) return env[name];
  return undefined;
}
