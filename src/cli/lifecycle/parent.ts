// A command whose parent went away stops what it started. `npx ae-demo cluster &` killed by its
// pid kills npx, which does not pass the signal on: the command would run on, with its nodes
// holding their ports, and nobody left to stop them. No signal says that a parent has gone, so
// the command looks: its parent process id changes when it is handed to another (init).
// Only a command started through npm (npx, npm exec, npm run: `npm_command` is set) watches: run
// from a shell with `nohup … &`, a command is meant to outlive the shell that started it.

/** Whether this command was started through npm, whose wrapper passes no signal on when killed. */
export function startedThroughNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.npm_command ?? '') !== '';
}

/** How often a command checks that the process that started it is still there. */
export const PARENT_POLL_MS = 500;

/**
 * Calls `gone` once, when the parent process that started this one has exited (`ppid` reads
 * the current parent's id: injected for tests). Returns the stop of the watch; its timer never
 * keeps the process alive.
 */
export function watchParent(
  gone: () => void,
  ppid: () => number = () => process.ppid,
  pollMs = PARENT_POLL_MS,
): () => void {
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    gone();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
