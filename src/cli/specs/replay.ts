// `ae-demo replay` as help shows it, and its flags turned into options; playing a recording back
// is commands/replay.ts.
import type { Argv } from 'yargs';
import type { ReplayOptions } from '../commands/replay.js';
import { checkReportPath, checkWebFlags, webFlags } from '../flags/web.js';
import { command } from '../yargs/lazy.js';
import { UsageError } from '../../errors.js';

/** A recorded run shown again (screen, JSON, report, live page, ShiViz log), no node started. */
export const replayCommand = command({
  command: 'replay <file>',
  describe: 'Show a recorded run again (run --record FILE), without starting any node',
  builder: (y: Argv) =>
    webFlags(y)
      .positional('file', { type: 'string', demandOption: true, describe: 'The recording' })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'The JSON document run --json printed',
      })
      .option('report', {
        type: 'string',
        describe: 'Write the HTML report of the run to this file',
      })
      .option('messages', {
        type: 'boolean',
        default: false,
        describe: 'List the messages of each exchange under its table (as run --messages)',
      })
      .option('export-shiviz', {
        type: 'string',
        describe: "Write the messages between nodes in ShiViz's log format to this file",
      })
      .example('$0 replay run.jsonl', 'the screen the run printed')
      .example('$0 replay run.jsonl --json | jq .antiEntropy', 'the document run --json printed')
      .example('$0 replay run.jsonl --web', 'the live page at the end of the run')
      .example('$0 replay run.jsonl --report run.html', 'the HTML report of the run')
      .example('$0 replay run.jsonl --export-shiviz run.log', 'open run.log in ShiViz'),
  options: (argv): ReplayOptions => {
    if (argv.file.trim() === '')
      throw new UsageError('replay needs a recording, such as ae-demo replay run.jsonl.');
    // A replay starts no node: the page's port may be anything free.
    const webPort = checkWebFlags(argv, { basePort: 0, count: 0 });
    return {
      file: argv.file,
      json: argv.json,
      messages: argv.messages,
      ...(argv.report !== undefined ? { report: argv.report } : {}),
      ...(argv.exportShiviz !== undefined ? { shiviz: argv.exportShiviz } : {}),
      ...(webPort !== undefined ? { webPort } : {}),
    };
  },
  run: async (o) => {
    if (o.report !== undefined) o.report = await checkReportPath(o.report);
    if (o.shiviz !== undefined)
      o.shiviz = await checkReportPath(o.shiviz, '--export-shiviz', 'run.log');
    await (await import('../commands/replay.js')).replay(o);
  },
});
