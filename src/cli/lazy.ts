// Commands as main.ts lists them: what help, "did you mean" and completion need (name,
// description, flags, examples) is there at start; a command's handler module, with what it
// pulls in (rendering, the HTTP client, the web page), is imported only when that command runs.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

/** What runs a command, given its parsed arguments. */
export type Handler<A> = (argv: ArgumentsCamelCase<A>) => void | Promise<void>;

/** A command's name, description and builder: everything yargs shows before it runs. */
export interface CommandSpec<A> {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
}

/** The yargs command: `load` imports the handler when (and only when) the command runs. */
export function lazyCommand<A>(
  spec: CommandSpec<A>,
  load: () => Promise<Handler<A>>,
): CommandModule<object, A> {
  return { ...spec, handler: async (argv) => (await load())(argv) };
}

/**
 * yargs renders the running command's whole help right after calling its handler, so that a
 * later showHelp() need not; nothing here calls it (failures throw to main.ts), and for `run`
 * that rendering (~0.1-0.3 s of cliui and wrap-ansi in the profile) would compete with its
 * nodes' start for the CPU. Help asked for with --help is rendered as before. Leaves yargs as it
 * is if its internals ever change.
 */
export function skipHelpCache(y: Argv): void {
  type Internal = { getInternalMethods?: () => { getUsageInstance?: () => unknown } };
  const usage = (y as unknown as Internal).getInternalMethods?.().getUsageInstance?.() as
    { cacheHelpMessage?: () => void } | undefined;
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}
