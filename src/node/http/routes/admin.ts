// The routes about the node itself: health, counters (JSON and Prometheus), and the demo's
// controls (network cuts and faults, the periodic interval, hinted handoff), which need the
// cluster key when it has one.
import type { Registry } from 'prom-client';
import { MAX_AE_INTERVAL_MS } from '../../../api/limits.js';
import type { NodeService } from '../../service.js';
import { authorize } from '../auth.js';
import { badRequest, field, peersMeant, smallJson } from '../parse.js';
import { faultsRequest } from '../fault-body.js';
import { route, type Route } from '../router.js';
import { aliasesOf } from '../../peers/alias.js';

export function adminRoutes(
  service: NodeService,
  metrics: () => Promise<Registry>,
  clusterKey: string | undefined,
): Route[] {
  return [
    route(/^\/health$/, { GET: () => ({ body: service.health() }) }),
    route(/^\/stats$/, { GET: () => ({ body: service.stats() }) }),
    route(/^\/metrics$/, {
      GET: async () => {
        const registry = await metrics();
        return {
          body: await registry.metrics(),
          headers: { 'content-type': registry.contentType },
        };
      },
    }),
    route(/^\/admin\/partition$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        const cut = await peersMeant(await smallJson(req), service, true);
        return { body: service.partition(cut, await aliasesOf(cut)) };
      },
    }),
    route(/^\/admin\/heal$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        const named = await peersMeant(await smallJson(req), service, false);
        return { body: service.heal(named.length > 0 ? named : undefined) };
      },
    }),
    route(/^\/admin\/interval$/, {
      GET: () => ({ body: service.interval() }),
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        return { body: service.setInterval(intervalMs(await smallJson(req))) };
      },
    }),
    route(/^\/admin\/faults$/, {
      GET: () => ({ body: service.faults() }),
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        return { body: service.setFaults(faultsRequest(await smallJson(req), service)) };
      },
    }),
    route(/^\/admin\/hints$/, {
      GET: () => ({ body: service.hints() }),
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        return { body: service.setHints(hintsEnabled(await smallJson(req))) };
      },
    }),
  ];
}

/** The body of POST /admin/interval: {"ms": N}, a whole number of milliseconds (0: off). */
function intervalMs(body: unknown): number {
  const ms = field(body, 'ms');
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_AE_INTERVAL_MS)
    throw badRequest(
      `"ms" must be a whole number of milliseconds from 0 (only on trigger) to ${MAX_AE_INTERVAL_MS}.`,
    );
  return ms;
}

/** The body of POST /admin/hints: {"enabled": true|false}. */
function hintsEnabled(body: unknown): boolean {
  const enabled = field(body, 'enabled');
  if (typeof enabled !== 'boolean')
    throw badRequest('The body must be {"enabled": true} or {"enabled": false}.');
  return enabled;
}
