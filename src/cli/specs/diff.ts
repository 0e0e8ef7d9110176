// `ae-demo diff` as help shows it; comparing the trees is commands/diff.ts.
import type { Argv } from 'yargs';
import { nodesFlag } from '../client-flags.js';
import { lazyCommand } from '../lazy.js';

export interface DiffArgs {
  nodes: string;
  json: boolean;
}

/** Every node's Merkle root and, for each pair that differs, where. */
export const diffCommand = lazyCommand<DiffArgs>(
  {
    command: 'diff',
    describe: "Compare the nodes' Merkle trees and show where they differ, down to the keys",
    builder: (y: Argv) =>
      nodesFlag(y)
        .example('$0 diff', 'the three default nodes; exit 0 when equal, 1 when they differ')
        .example(
          '$0 diff --nodes 127.0.0.1:9999,127.0.0.1:10000 --json',
          'two nodes, as JSON',
        ) as unknown as Argv<DiffArgs>,
  },
  async () => (await import('../commands/diff.js')).diff,
);
