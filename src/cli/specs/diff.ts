// `ae-demo diff` as help shows it, and its flags turned into options; comparing the trees is
// commands/diff.ts.
import type { Argv } from 'yargs';
import { addressesOf, askingNodes, nodesFlag } from '../flags/client.js';
import type { DiffOptions } from '../commands/diff.js';
import { command } from '../yargs/lazy.js';
import { connectKey, keyFlags } from '../flags/connect.js';

/** Every node's Merkle root and, for each pair that differs, where. */
export const diffCommand = command({
  command: 'diff',
  describe: "Compare the nodes' Merkle trees and show where they differ, down to the keys",
  builder: (y: Argv) =>
    keyFlags(nodesFlag(y))
      .example('$0 diff', 'the three default nodes; exit 0 when equal, 1 when they differ')
      .example('$0 diff --nodes 127.0.0.1:9999,127.0.0.1:10000 --json', 'two nodes, as JSON'),
  options: (argv): DiffOptions => {
    const addresses = addressesOf(argv.nodes);
    const clusterKey = connectKey(argv);
    return { addresses, json: argv.json, ...(clusterKey ? { clusterKey } : {}) };
  },
  run: (o) => askingNodes('--nodes', async () => (await import('../commands/diff.js')).diff(o)),
});
