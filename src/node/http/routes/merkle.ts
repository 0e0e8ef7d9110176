// The tree routes: the snapshot (root and first level), one tree node, one whole level.
import type { NodeService } from '../../service.js';
import { FANOUT, MAX_LEVEL } from '../../tree/shape.js';
import { integer } from '../parse.js';
import { route, type Route } from '../router.js';

/** GET /merkle/node lists a node's entries once it holds at most this many (default). */
const TREE_NODE_ENTRY_LIMIT = 16;
/** The most entries GET /merkle/node lists on request: a page a person can read. */
const TREE_NODE_ENTRY_MAX = 1000;
/** GET /merkle/level answers for levels up to this one (16^3 = 4,096 tree nodes). */
const MAX_WHOLE_LEVEL = 3;

export function merkleRoutes(service: NodeService): Route[] {
  return [
    route(/^\/merkle\/snapshot$/, { GET: () => ({ body: service.snapshot() }) }),
    route(/^\/merkle\/node$/, {
      GET: ({ query }) => {
        const level = integer(query, 'level', 0, 0, MAX_LEVEL);
        const index = integer(query, 'index', 0, 0, FANOUT ** level - 1);
        const entries = integer(query, 'entries', TREE_NODE_ENTRY_LIMIT, 0, TREE_NODE_ENTRY_MAX);
        return { body: service.treeNode(level, index, entries) };
      },
    }),
    route(/^\/merkle\/level$/, {
      GET: ({ query }) => ({
        body: service.treeLevel(integer(query, 'level', 1, 0, MAX_WHOLE_LEVEL)),
      }),
    }),
  ];
}
