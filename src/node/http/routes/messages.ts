// GET /messages: the node's message records as they happen, one JSON object a line
// (application/x-ndjson), until the client goes away or the node stops. How a CLI that did not
// fork the node (--connect) sees its traffic; a forked node sends the same records over IPC.
import { MESSAGES_PATH } from '../../../api/messages.js';
import type { MessageTap } from '../../sync/message-tap.js';
import { authorize } from '../auth.js';
import { route, type Route } from '../router.js';

const PATTERN = new RegExp(`^${MESSAGES_PATH}$`);

export function messagesRoutes(tap: MessageTap, clusterKey: string | undefined): Route[] {
  return [
    route(PATTERN, {
      GET: ({ req }) => {
        authorize(req, clusterKey);
        return {
          body: null,
          headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' },
          stream: (res) => {
            const unwatch = tap.subscribe(
              (record) => res.write(`${JSON.stringify(record)}\n`),
              // The node stops: the stream ends and its connection closes, not held for the grace period.
              () => {
                const socket = res.socket;
                res.end(() => socket?.destroySoon());
              },
            );
            res.on('close', unwatch);
          },
        };
      },
    }),
  ];
}
