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
