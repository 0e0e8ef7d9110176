// A node process as `ae-demo node` runs it, with its message records left out entirely (no tap
// on its peer client or its rounds): the other side of the benchmark's check that recording
// messages costs nothing while no one listens. Takes `--flag value` pairs of the node's flags.
import { NODE_FLAGS, nodeOptionsFrom } from '../cli/flags/node.js';
import { runNodeProcess } from '../node/process.js';

const argv: Record<string, string | number | undefined> = {};
for (const [name, flag] of Object.entries(NODE_FLAGS)) argv[name] = flag.default;
const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  const name = args[i]!.replace(/^--/, '');
  const flag = NODE_FLAGS[name];
  if (flag === undefined) throw new Error(`unrecorded-node: no flag --${name}`);
  argv[name] = flag.type === 'number' ? Number(args[i + 1]) : args[i + 1];
}
await runNodeProcess({ ...nodeOptionsFrom(argv), recordMessages: false }, (line) =>
  process.stdout.write(`${line}\n`),
);
process.exit();
