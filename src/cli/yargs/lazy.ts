// Commands as main.ts lists them: what help, "did you mean" and completion need (name,
// description, flags, examples) is there at start; a command's module, with what it pulls in
// (rendering, the HTTP client, the web page), is imported only when that command runs.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

/** A command: what yargs shows before it runs, argv turned into options, and the run itself. */
export interface CommandSpec<A, O> {
  command: string;
  describe: string;
  /** The flags, positionals and examples; yargs infers argv's type `A` from them. */
  builder: (y: Argv) => Argv<A>;
  /** Parsed argv -> the command's own options, every flag checked (a bad one: a UsageError). */
  options: (argv: ArgumentsCamelCase<A>) => O;
  /** Runs the command with its options; it imports the command's module here, not at start. */
  run: (options: O) => Promise<void>;
}

/** What yargs runs, and the argv -> options mapping beside it (tests read it without running). */
export type Command<A, O> = CommandModule<object, A> &
  Pick<CommandSpec<A, O>, 'builder' | 'options'>;

/** The yargs command of a spec: its handler maps argv to options, then runs the command. */
export function command<A, O>(spec: CommandSpec<A, O>): Command<A, O> {
  const { run, ...shown } = spec;
  return { ...shown, handler: async (argv) => run(spec.options(argv)) };
}

/**
 * yargs renders the running command's whole help right after calling its handler, so that a
 * later showHelp() need not; nothing here calls it (failures throw to main.ts), and for `run`
 * that rendering (~0.1-0.3 s of cliui and wrap-ansi in the profile) would compete with its
 * nodes' start for the CPU. Help asked for with --help is rendered as before. Leaves yargs as it
 * is if its internals ever change (internals.ts: yargs is pinned, and a test notices).
 */
export function skipHelpCache(y: Argv): void {
  type Internal = { getInternalMethods?: () => { getUsageInstance?: () => unknown } };
  const usage = (y as unknown as Internal).getInternalMethods?.().getUsageInstance?.() as
    { cacheHelpMessage?: () => void } | undefined;
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}
