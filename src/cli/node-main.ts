// The lean entry of `ae-demo node`: what a node process loads before it serves is the node and
// this parser (node:util's parseArgs) — no yargs, no CLI command graph, no rendering. The flags
// and their help come from flags/node.ts, shared with the yargs command.
import { commandLines } from './render/command-line.js';
import { terminalWidth, wrap } from './render/wrap.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { exitCodeOf } from './exit.js';
import {
  envNameOf,
  NODE_ENV_HELP,
  NODE_EXAMPLES,
  NODE_FLAGS,
  nodeOptionsFrom,
  warnIfExposed,
  type NodeArgs,
} from './flags/node.js';

/** Flags every command takes; the node accepts them so `ae-demo node --verbose` still works. */
const GLOBAL_FLAGS = ['verbose', 'color', 'no-color', 'help', 'version'] as const;

/** Runs `ae-demo node ARGS` (args without the word `node`); sets the exit code on failure. */
export async function nodeMain(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  try {
    const argv = parse(args);
    if (argv === 'help') return void process.stdout.write(help());
    if (argv === 'version') return void process.stdout.write(`${version()}\n`);
    const options = nodeOptionsFrom(argv);
    warnIfExposed(options.host);
    const { runNodeProcess } = await import('../node/process.js');
    // On a terminal a line wraps between words to its width; to a pipe (run, cluster) it stays whole.
    await runNodeProcess(options, (line) =>
      process.stdout.write(`${wrap(line, terminalWidth(), '  ')}\n`),
    );
    // Stopped: its server, peers and storage are closed and its lines written (pipes and files
    // are written synchronously here). Leaving now skips Node's teardown of the environment and
    // heap, which every stop of `run` waited for: SIGTERM to exit ~16 -> ~4 ms on a quiet
    // machine, ~80 -> ~50 ms under load.
    process.exit();
  } catch (error) {
    process.exitCode = exitCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
}

function parse(args: string[]): NodeArgs | 'help' | 'version' {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of Object.keys(NODE_FLAGS)) options[name] = { type: 'string' };
  for (const name of GLOBAL_FLAGS) options[name] = { type: 'boolean' };
  options.help!.short = 'h';
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegatives(args),
      options,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.split('. ')[0]!.replace(/\.$/, '')}; see ae-demo node --help.`,
    );
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const argv: NodeArgs = {};
  for (const [name, flag] of Object.entries(NODE_FLAGS)) {
    const given = values[name] as string | undefined;
    const env = process.env[envNameOf(name)];
    const raw = given ?? (env === '' ? undefined : env);
    if (raw === undefined) {
      if (flag.required)
        throw new UsageError(
          `--${name} (or ${envNameOf(name)}) is required; see ae-demo node --help.`,
        );
      argv[name] = flag.default;
      continue;
    }
    const label = given === undefined ? envNameOf(name) : `--${name}`;
    if (flag.choices && !flag.choices.includes(raw))
      throw new UsageError(`${label} takes one of ${flag.choices.join(', ')}, not "${raw}".`);
    if (flag.type === 'number' && !/^-?\d+(\.\d+)?$/.test(raw.trim()))
      throw new UsageError(`${label} takes a number, not "${raw}"; see ae-demo node --help.`);
    argv[name] = flag.type === 'number' ? Number(raw) : raw;
  }
  return argv;
}

/** `--clock-skew-ms -500` means -500 (as with yargs); parseArgs would read -500 as a flag. */
function joinNegatives(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : '';
    const next = args[i + 1];
    if (name in NODE_FLAGS && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i += 1;
    } else out.push(args[i]!);
  }
  return out;
}

/** The same content as the yargs help: usage, every flag with its default, examples. */
function help(): string {
  const rows = Object.entries(NODE_FLAGS).map(([name, flag]) => {
    const extra = [
      flag.required ? '[required]' : '',
      flag.choices ? `[choices: ${flag.choices.join(', ')}]` : '',
      flag.default !== undefined ? `[default: ${JSON.stringify(flag.default)}]` : '',
    ].filter(Boolean);
    return [`  --${name}`, `${flag.describe} [${flag.type}] ${extra.join(' ')}`.trim()] as [
      string,
      string,
    ];
  });
  rows.push(
    ['  --verbose', 'Show stack traces of errors [boolean]'],
    ['  -h, --help', 'Show help [boolean]'],
  );
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  // On a terminal every line fits it: a flag's text wraps under the texts' column, an example
  // breaks between words as a command a shell still reads whole.
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  const examples = NODE_EXAMPLES.map(
    ([command, meaning]) =>
      `${commandLines(command.replace('$0', 'ae-demo'), columns)}\n${wrap(`      ${meaning}`, columns)}`,
  );
  return [
    'ae-demo node',
    '',
    'Run one store node in the foreground until Ctrl-C',
    '',
    'Options:',
    ...rows.map(([left, right]) =>
      wrap(left.padEnd(width) + right, columns, ' '.repeat(width - 2)),
    ),
    '',
    'Examples:',
    ...examples,
    '',
    wrap(NODE_ENV_HELP, columns),
    '',
  ].join('\n');
}

function version(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
