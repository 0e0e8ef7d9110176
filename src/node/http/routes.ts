// Every route of the node's HTTP API (docs/http-api.md) and the internal peer route, one file
// per section of the spec under routes/.
import type { Registry } from 'prom-client';
import type { NodeService } from '../service.js';
import type { Route } from './router.js';
import { adminRoutes } from './routes/admin.js';
import { antiEntropyRoutes } from './routes/anti-entropy.js';
import { internalRoutes } from './routes/internal.js';
import { kvRoutes } from './routes/kv.js';
import { merkleRoutes } from './routes/merkle.js';
import { messagesRoutes } from './routes/messages.js';
import type { MessageTap } from '../sync/message-tap.js';

export function routes(
  service: NodeService,
  metrics: () => Promise<Registry>,
  clusterKey: string | undefined,
  tap: MessageTap,
): Route[] {
  return [
    ...kvRoutes(service),
    ...merkleRoutes(service),
    ...antiEntropyRoutes(service),
    ...adminRoutes(service, metrics, clusterKey),
    ...internalRoutes(service, clusterKey),
    ...messagesRoutes(tap, clusterKey),
  ];
}
