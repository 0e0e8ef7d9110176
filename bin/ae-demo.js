#!/usr/bin/env node
// The executable: the compiled CLI (npm install builds it), given the scenarios it plays.
// `ae-demo node` goes to the lean node entry, which loads no yargs, no CLI command graph and no
// scenarios: a node (and every node `run` starts) is ready sooner.
const args = process.argv.slice(2);
if (args[0] === 'node') {
  const { nodeMain } = await import('../dist/src/cli/node-main.js');
  await nodeMain(args.slice(1));
} else {
  const [{ main }, { plays }] = await Promise.all([
    import('../dist/src/cli/main.js'),
    import('../dist/demo/index.js'),
  ]);
  await main(args, plays);
}
