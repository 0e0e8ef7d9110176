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

/** Calls `tick` every `ms` until the returned stop is called; never keeps the process alive. */
export type Ticker = (tick: () => void, ms: number) => () => void;

const everyInterval: Ticker = (tick, ms) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Calls `gone` once, when the parent process that started this one has exited (`ppid` reads
 * the current parent's id, `every` repeats the check: both injected for tests). Returns the
 * stop of the watch.
 */
export function watchParent(
  gone: () => void,
  ppid: () => number = () => process.ppid,
  every: Ticker = everyInterval,
): () => void {
  const parent = ppid();
  let stopped = false;
  const stopTicks = every(() => {
    if (stopped || ppid() === parent) return;
    stop();
    gone();
  }, PARENT_POLL_MS);
  const stop = () => {
    stopped = true;
    stopTicks();
  };
  return stop;
}
