// The terminal's styles by meaning, so commands say what a piece of text is (good news, a
// warning, a hint) and only src/cli/render decides its colour. Colour is off where
// terminal.ts says so (not a TTY, --no-color, NO_COLOR).
import chalk from 'chalk';

type Paint = (text: string) => string;

/** A heading word or a name to pick out. */
export const strong: Paint = (t) => chalk.bold(t);
/** Secondary text: hints, ports, versions. */
export const quiet: Paint = (t) => chalk.dim(t);
/** Something that went right, or the value that wins. */
export const good: Paint = (t) => chalk.green(t);
/** Something that went wrong. */
export const bad: Paint = (t) => chalk.red(t);
/** Worth a look, not a failure (a direct write, a disagreement). */
export const warning: Paint = (t) => chalk.yellow(t);
/** An address to open. */
export const link: Paint = (t) => chalk.cyan(t);

/** The marks before a verdict line: done, failed, differs. */
export const mark = {
  done: (): string => good('✔'),
  failed: (): string => bad('✘'),
  differs: (): string => warning('≠'),
};

const NODE_PAINTS: readonly Paint[] = [
  chalk.cyan,
  chalk.magenta,
  chalk.yellow,
  chalk.blue,
  chalk.green,
  chalk.red,
  chalk.white,
  chalk.gray,
  chalk.cyanBright,
];

/** Node n's own colour (1-based), so interleaved log lines of several nodes stay apart. */
export function nodePaint(node: number): Paint {
  return (t) => NODE_PAINTS[(node - 1) % NODE_PAINTS.length]!(t);
}
