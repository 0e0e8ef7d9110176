// Flags of the commands that work on nodes running elsewhere (--connect): the nodes' cluster key,
// and the user's own commands that kill and restart a node. The key can come from a file or the
// environment, so that it shows in no process listing (a flag's value does, in ps and /proc).
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { whyUnreadable } from './file-reason.js';
import { CLUSTER_KEY_ENV } from '../../api/process.js';
import type { NodeCommands } from '../../cluster/node-commands.js';

/** The variables a connected node's key is read from: the one the nodes read, then the CLI's. */
export const CONNECT_KEY_ENVS = ['AE_CLUSTER_KEY', CLUSTER_KEY_ENV] as const;
/** A key file holds a key, not a document: this much is plenty, and a wrong file fails fast. */
const MAX_KEY_FILE_BYTES = 4096;

export interface KeyArgs {
  'cluster-key'?: string;
  'cluster-key-file'?: string;
}

export interface CommandArgs {
  'restart-command'?: string;
  'kill-command'?: string;
}

/** --cluster-key-file (and, unless the command declares its own, --cluster-key). */
export function keyFlags<T>(y: Argv<T>, withKeyFlag = true): Argv<T & KeyArgs> {
  const keyed = withKeyFlag
    ? y.option('cluster-key', {
        type: 'string',
        describe:
          "The nodes' cluster key, for their admin routes (seen in process listings: " +
          `prefer --cluster-key-file or $AE_CLUSTER_KEY)`,
      })
    : y;
  return keyed.option('cluster-key-file', {
    type: 'string',
    describe:
      "A file holding the nodes' cluster key (a Kubernetes Secret, a Compose env file's key)",
  }) as Argv<T & KeyArgs>;
}

/** --restart-command and --kill-command. */
export function commandFlags<T>(y: Argv<T>): Argv<T & CommandArgs> {
  return y
    .option('restart-command', {
      type: 'string',
      describe:
        'With --connect: a shell command that restarts node {id} from its data, for a story, ' +
        "chaos or the page's Kill and Restart ('kubectl delete pod {id}'); alone it takes the " +
        'node down and back, after --kill-command it starts it again',
    })
    .option('kill-command', {
      type: 'string',
      describe:
        "With --connect and --restart-command: a shell command that takes node {id} down ('docker " +
        "kill {id}'); the restart command then starts it again ('docker start {id}')",
    }) as Argv<T & CommandArgs>;
}

/** The key for connected nodes: --cluster-key, --cluster-key-file, then the environment. */
export function connectKey(
  argv: KeyArgs,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const flag = argv['cluster-key'];
  const file = argv['cluster-key-file'];
  if (flag !== undefined && file !== undefined)
    throw new UsageError(
      'Give the cluster key once: --cluster-key or --cluster-key-file, not both.',
    );
  if (flag !== undefined) {
    if (flag === '')
      throw new UsageError('--cluster-key is empty; give the key the nodes were started with.');
    return flag;
  }
  if (file !== undefined) return keyFromFile(file);
  for (const name of CONNECT_KEY_ENVS) if (env[name]) return env[name];
  return undefined;
}

/** The key in a file: its content without the line end an editor or `echo` adds. */
function keyFromFile(file: string): string {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    throw new UsageError(`--cluster-key-file ${file} cannot be read: ${whyUnreadable(error)}.`, {
      cause: error,
    });
  }
  const key = raw
    .subarray(0, MAX_KEY_FILE_BYTES + 1)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (raw.length > MAX_KEY_FILE_BYTES)
    throw new UsageError(
      `--cluster-key-file ${file} is over ${MAX_KEY_FILE_BYTES} bytes; it should hold the key alone.`,
    );
  if (key === '') throw new UsageError(`--cluster-key-file ${file} is empty; write the key in it.`);
  return key;
}

/** The kill and restart commands, checked: a kill needs a way back, and both need --connect. */
export function nodeCommands(argv: CommandArgs, connecting: boolean): NodeCommands {
  const restart = argv['restart-command'];
  const kill = argv['kill-command'];
  for (const [flag, value] of [
    ['--restart-command', restart],
    ['--kill-command', kill],
  ] as const) {
    if (value === undefined) continue;
    if (!connecting)
      throw new UsageError(
        `${flag} is for nodes given by --connect; nodes this command starts it kills and restarts itself.`,
      );
    if (value.trim() === '')
      throw new UsageError(`${flag} is empty; give a command such as 'docker restart {id}'.`);
  }
  if (kill !== undefined && restart === undefined)
    throw new UsageError(
      "--kill-command needs --restart-command too, to bring the node back ('docker start {id}').",
    );
  return { ...(kill !== undefined ? { kill } : {}), ...(restart !== undefined ? { restart } : {}) };
}
