// The user's own way to kill or restart a node that runs elsewhere (--kill-command and
// --restart-command): a shell command with {id} standing for the node's id, such as
// 'kubectl delete pod {id}' or 'docker kill {id}'. The id comes from the node's /health, so it
// is checked before it goes into a shell; it is also in $AE_NODE_ID, its address in
// $AE_NODE_ADDRESS, for a script that wants them.
import { spawn } from 'node:child_process';
import { NodeCommandError } from '../errors.js';

/** The commands a user gave; a scenario that kills or restarts a node needs at least `restart`. */
export interface NodeCommands {
  /** Takes node {id} down (docker kill {id}); `restart` starts it again. */
  kill?: string;
  /** Starts node {id} again from its data; without `kill`, takes it down and back itself. */
  restart?: string;
}

/**
 * `kubectl delete pod` waits for the pod's grace period (30 s by default), `docker restart` for
 * its stop timeout (10 s); this bounds only a command that hangs.
 */
const COMMAND_TIMEOUT_MS = 180_000;
/** What a pod, container or host name can be: nothing a shell reads anything into. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;
/** How much of a failing command's error output its sentence quotes. */
const QUOTED_CHARS = 200;

/** The command for one node: {id} replaced by its id (checked). */
export function commandFor(template: string, id: string, flag: string): string {
  if (!SAFE_ID.test(id))
    throw new NodeCommandError(
      `Node id ${JSON.stringify(id.slice(0, 64))} has characters a shell would read, so ${flag} ` +
        'cannot name it; give the node an id of letters, digits, dots and dashes (--id).',
    );
  return template.replaceAll('{id}', id);
}

/** Runs the command for this node and waits for it; a failure or a timeout is a NodeCommandError. */
export async function runNodeCommand(
  template: string,
  node: { id: string; address: string },
  flag: string,
): Promise<void> {
  const text = commandFor(template, node.id, flag);
  const child = spawn('/bin/sh', ['-c', text], {
    // Its own process group: a timeout ends the command with every process it started, and a
    // Ctrl-C at the terminal reaches this command alone, which still heals and restarts after.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AE_NODE_ID: node.id, AE_NODE_ADDRESS: node.address },
  });
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (errors = (errors + chunk).slice(-4 * QUOTED_CHARS)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, COMMAND_TIMEOUT_MS);
  const ended = await new Promise<{ code: number | null; failed?: Error }>((resolve) => {
    child.once('error', (failed) => resolve({ code: null, failed }));
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null) }));
  }).finally(() => clearTimeout(timer));
  if (ended.code === 0) return;
  const last = errors.trim().split('\n').pop()?.slice(0, QUOTED_CHARS);
  const how = timedOut
    ? `did not finish in ${COMMAND_TIMEOUT_MS / 1000} s`
    : ended.code === null
      ? 'could not run'
      : ended.code === -1
        ? 'was ended by a signal'
        : `exited with ${ended.code}`;
  throw new NodeCommandError(
    `${flag} for ${node.id} (${text}) ${how}${last ? `: ${last}` : ''}.`,
    ended.failed ? { cause: ended.failed } : undefined,
  );
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
