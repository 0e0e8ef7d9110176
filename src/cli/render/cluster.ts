// What `cluster` prints once its nodes are up: the cluster key and an admin route to call with
// it, the commands to try, and how to stop.
import { CLUSTER_KEY_ENV } from '../../api/process.js';
import { CLUSTER_KEY_HEADER } from '../../api/headers.js';
import { tryCommands } from '../../format.js';
import { commandLines, shellQuote } from './command-line.js';
import { quiet, strong } from './style.js';
import { wrap } from './wrap.js';

/** Where the nodes' key came from: given (flag), a file, the environment, or made for this cluster. */
export type KeySource = 'flag' | 'file' | 'env' | 'fresh';

/** The interval the example admin call sets: periodic rounds every ~2 s (the README's). */
const EXAMPLE_INTERVAL_MS = 2000;

/** The lines after "N nodes up": key, an admin call, commands to try, Ctrl-C. */
export function clusterIntro(
  addresses: readonly string[],
  key: { value: string; source: KeySource; file?: string },
  width: number | undefined,
): string[] {
  const first = addresses[0] ?? '127.0.0.1:9999';
  // From the environment or a file, the line reads it there rather than printing it.
  const header =
    key.source === 'env'
      ? `"${CLUSTER_KEY_HEADER}: $${CLUSTER_KEY_ENV}"`
      : key.source === 'file'
        ? `"${CLUSTER_KEY_HEADER}: $(cat ${shellQuote(key.file ?? '')})"`
        : shellQuote(`${CLUSTER_KEY_HEADER}: ${key.value}`);
  const said =
    key.source === 'env'
      ? `Cluster key: the one in $${CLUSTER_KEY_ENV}.`
      : key.source === 'file'
        ? `Cluster key: the one in ${key.file ?? ''} (--cluster-key-file).`
        : key.source === 'flag'
          ? `Cluster key: ${key.value} (--cluster-key).`
          : `Cluster key: ${key.value} (made for this cluster; ` +
            `choose your own with --cluster-key or $${CLUSTER_KEY_ENV}).`;
  const curl = `curl -X POST http://${first}/admin/interval -H ${header} -d '{"ms": ${EXAMPLE_INTERVAL_MS}}'`;
  return [
    wrap(
      `${said} The admin routes need it in the ${CLUSTER_KEY_HEADER} header; ` +
        `this one sets periodic rounds every ~2 s on ${first}:`,
      width,
    ),
    commandLines(curl, width),
    strong('Try:'),
    ...tryCommands(addresses).map((c) => commandLines(c, width)),
    quiet('Ctrl-C stops them all.'),
  ];
}
