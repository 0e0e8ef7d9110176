// The peers' route: one anti-entropy message in, its answer out (replication is a message of
// entries too). Only callers with the cluster key get in; a malformed message is a 400.
import { FROM_HEADER } from '../../../api/headers.js';
import { INTERNAL_BODY_LIMIT_BYTES } from '../../constants.js';
import type { NodeService } from '../../service.js';
import { CodecError } from '../../sync/wire/codec.js';
import { authorize } from '../auth.js';
import { readBody } from '../body.js';
import { badRequest } from '../parse.js';
import { route, type Route } from '../router.js';

export function internalRoutes(service: NodeService, clusterKey: string | undefined): Route[] {
  return [
    route(/^\/internal\/exchange$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        const from = req.headers[FROM_HEADER];
        const message = await readBody(req, INTERNAL_BODY_LIMIT_BYTES);
        try {
          return { body: service.answerPeer(typeof from === 'string' ? from : undefined, message) };
        } catch (error) {
          if (error instanceof CodecError)
            throw badRequest(`The anti-entropy message is malformed: ${error.message}.`);
          throw error;
        }
      },
    }),
  ];
}
