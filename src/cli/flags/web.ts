// --web, --web-port and --report: the live page and the report file (run; cluster takes the first two).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { parsePort } from './values.js';

export interface WebArgs {
  web: boolean;
  'web-port': number;
}

export function webFlags<T>(y: Argv<T>): Argv<T & WebArgs> {
  return y
    .option('web', {
      type: 'boolean',
      default: false,
      describe: 'Show the cluster live in a browser page on 127.0.0.1 (its address is printed)',
    })
    .option('web-port', {
      type: 'number',
      default: 0,
      describe: 'Port of the live page (0: any free port)',
    }) as Argv<T & WebArgs>;
}

/**
 * The live page's port, or undefined without --web (a --web-port alone is a mistake worth
 * naming). It must not be one of the nodes' ports (`basePort` to `basePort + count - 1`): the
 * error then names both flags, rather than a clash the nodes would blame on --base-port.
 */
export function checkWebFlags(
  argv: WebArgs,
  nodes: { basePort: number; count: number },
): number | undefined {
  const port = parsePort(argv['web-port'], '--web-port', true);
  if (!argv.web) {
    if (port !== 0)
      throw new UsageError(
        '--web-port only means something with --web; add --web to open the live page.',
      );
    return undefined;
  }
  const last = nodes.basePort + nodes.count - 1;
  if (port >= nodes.basePort && port <= last)
    throw new UsageError(
      `--web-port ${port} is one of the nodes' ports (${nodes.basePort} to ${last}); ` +
        'pass another --web-port (0: any free port), or move the nodes with --base-port.',
    );
  return port;
}

/**
 * Checked before any node starts, so a report that cannot be written fails the run at once
 * and changes nothing: the folder must exist and be writable, and the path must not be a folder.
 */
export async function checkReportPath(
  raw: string,
  flag = '--report',
  example = 'run.html',
): Promise<string> {
  if (raw.trim() === '')
    throw new UsageError(`${flag} needs a file name, such as ${flag} ${example}.`);
  const file = path.resolve(raw);
  const folder = path.dirname(file);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(
      `${flag} ${raw}: the folder ${folder} does not exist; create it or choose another path.`,
    );
  if ((await stat(file).catch(() => null))?.isDirectory())
    throw new UsageError(
      `${flag} ${raw} is a folder; name a file, such as ${path.join(raw, example)}.`,
    );
  await access(folder, constants.W_OK).catch((error: unknown) => {
    throw new UsageError(`${flag} ${raw}: the folder ${folder} is not writable.`, {
      cause: error,
    });
  });
  return file;
}
