// The anti-entropy routes: a round now (with every peer or those named, in the node's strategy
// or one named for this round), and the recent rounds after a number.
import { STRATEGIES, type Strategy } from '../../../api/strategies.js';
import type { NodeService } from '../../service.js';
import { badRequest, field, integer, peersMeant, smallJson } from '../parse.js';
import { route, type Route } from '../router.js';

export function antiEntropyRoutes(service: NodeService): Route[] {
  return [
    route(/^\/anti-entropy\/trigger$/, {
      POST: async ({ req }) => {
        const body = await smallJson(req);
        const named = await peersMeant(body, service, false);
        const strategy = strategyFrom(service, body);
        return { body: await service.trigger(named.length > 0 ? named : undefined, strategy) };
      },
    }),
    route(/^\/anti-entropy\/rounds$/, {
      GET: ({ query }) => ({
        body: service.rounds(integer(query, 'after', 0, 0, Number.MAX_SAFE_INTEGER)),
      }),
    }),
  ];
}

/**
 * An optional {"strategy": "merkle" | "riblt" | "full"} for this round only, so one cluster can
 * compare strategies on the same divergence; riblt needs the sketch this node keeps only when
 * started with --ae-strategy riblt.
 */
function strategyFrom(service: NodeService, body: unknown): Strategy | undefined {
  const raw = field(body, 'strategy');
  if (raw === undefined) return undefined;
  const strategy = STRATEGIES.find((s) => s === raw);
  if (strategy === undefined)
    throw badRequest(`"strategy" must be one of ${STRATEGIES.join(', ')}.`);
  if (strategy === 'riblt' && !service.keepsSketch)
    throw badRequest(
      `${service.id} keeps no RIBLT sketch: start it with --ae-strategy riblt to trigger a riblt round.`,
    );
  return strategy;
}
