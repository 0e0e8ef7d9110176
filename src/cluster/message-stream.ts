// A running node's message records over HTTP (GET /messages, one JSON object a line): how a CLI
// that did not fork the node sees its traffic. Resolves once the node answered, so records of
// what the caller does next are not missed.
import http from 'node:http';
import { CLUSTER_KEY_HEADER } from '../api/headers.js';
import { isMessageRecord, MESSAGES_PATH, type MessageRecord } from '../api/messages.js';
import { NodeUnreachableError } from '../errors.js';

export function streamMessages(
  address: string,
  clusterKey: string | undefined,
  listener: (record: MessageRecord) => void,
): Promise<() => void> {
  const colon = address.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        hostname: address.slice(0, colon).replace(/^\[(.*)\]$/, '$1'),
        port: Number(address.slice(colon + 1)),
        path: MESSAGES_PATH,
        headers: clusterKey ? { [CLUSTER_KEY_HEADER]: clusterKey } : {},
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(
            new NodeUnreachableError(
              'node_unreachable',
              `${address} did not stream its messages (HTTP ${response.statusCode}).`,
            ),
          );
          return;
        }
        let pending = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          pending += chunk;
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) readLine(line, listener);
        });
        response.on('error', () => undefined);
        resolve(() => request.destroy());
      },
    );
    request.on('error', (error) =>
      reject(
        new NodeUnreachableError(
          'node_unreachable',
          `${address} did not stream its messages (${error.message}).`,
        ),
      ),
    );
  });
}

function readLine(line: string, listener: (record: MessageRecord) => void): void {
  try {
    const value: unknown = JSON.parse(line);
    if (isMessageRecord(value)) listener(value);
  } catch {
    // A line that is not JSON is not a record: skipped.
  }
}
