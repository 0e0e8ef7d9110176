// The peers' route: one anti-entropy message in, its answer out (replication is a message of
// entries too). Only callers with the cluster key get in; a malformed message is a 400, and so
// is a message of a version this node does not speak, with a code of its own (docs/wire.md).
import { CONFLICTS_HEADER, FROM_HEADER, KIND_HEADER } from '../../../api/headers.js';
import { SiblingFormatError } from '../../conflicts/encoding.js';
import { INTERNAL_BODY_LIMIT_BYTES } from '../../constants.js';
import type { NodeService } from '../../service.js';
import { CodecError } from '../../sync/wire/codec.js';
import { authorize } from '../auth.js';
import { readBody } from '../body.js';
import { HttpError } from '../errors.js';
import { badRequest } from '../parse.js';
import { route, type Route } from '../router.js';

export function internalRoutes(service: NodeService, clusterKey: string | undefined): Route[] {
  return [
    route(/^\/internal\/exchange$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        sameMode(service, req.headers[CONFLICTS_HEADER]);
        const from = one(req.headers[FROM_HEADER]);
        const read = () => readBody(req, INTERNAL_BODY_LIMIT_BYTES);
        try {
          return { body: await service.answerPeer(from, read, one(req.headers[KIND_HEADER])) };
        } catch (error) {
          if (error instanceof CodecError) throw refusal(error);
          if (error instanceof SiblingFormatError)
            throw badRequest(
              `The anti-entropy message holds a malformed sibling set: ${error.message}`,
            );
          throw error;
        }
      },
    }),
  ];
}

/** A header's value when it came once. */
function one(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header : undefined;
}

/**
 * Nodes of different conflict modes never merge: an lww entry is not a sibling set, and a set
 * is not a value. The sender says its mode when it is not lww; no header means lww.
 */
function sameMode(service: NodeService, header: string | string[] | undefined): void {
  const theirs = typeof header === 'string' ? header : 'lww';
  if (theirs === service.conflicts) return;
  throw new HttpError(
    409,
    'conflict_mode_mismatch',
    `${service.id} runs --conflicts ${service.conflicts} and the sender ${theirs}: ` +
      'nodes of different conflict modes never merge; start every node with the same mode.',
  );
}

/** The answer to a message this node will not take: another build's, or a malformed one. */
function refusal(error: CodecError): HttpError {
  return error.code === 'unsupported_version'
    ? new HttpError(
        400,
        'unsupported_version',
        `A node of another build sent this anti-entropy message: ${error.message}.`,
      )
    : badRequest(`The anti-entropy message is malformed: ${error.message}.`);
}
