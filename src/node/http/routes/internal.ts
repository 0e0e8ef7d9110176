// The peers' route: one anti-entropy message in, its answer out (replication is a message of
// entries too). Only callers with the cluster key get in; a malformed message is a 400, and so
// is a message of a version this node does not speak, with a code of its own (docs/wire.md).
import {
  CONFLICTS_HEADER,
  FROM_HEADER,
  KIND_HEADER,
  TREE_KEY_HEADER,
} from '../../../api/headers.js';
import { SiblingFormatError } from '../../conflicts/encoding.js';
import { INTERNAL_BODY_LIMIT_BYTES } from '../../constants.js';
import type { NodeService } from '../../service.js';
import { CodecError } from '../../sync/wire/codec.js';
import { treeKeyFingerprint } from '../../replica/tree-key.js';
import { authorize } from '../auth.js';
import { readBody } from '../body.js';
import { HttpError } from '../errors.js';
import { badRequest } from '../parse.js';
import { route, type Route } from '../router.js';

export function internalRoutes(service: NodeService, clusterKey: string | undefined): Route[] {
  const treeKey = clusterKey ? treeKeyFingerprint(clusterKey) : undefined;
  return [
    route(/^\/internal\/exchange$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        sameMode(service, req.headers[CONFLICTS_HEADER]);
        sameTreeKey(service, treeKey, req.headers[TREE_KEY_HEADER]);
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

/**
 * Nodes whose trees hash under different keys (or one keyed, one public) would find their roots
 * apart in every round and repair nothing: refused, with what to change. A sender with another
 * cluster key never gets here (401); this is a node without a key and a node with one.
 */
function sameTreeKey(
  service: NodeService,
  mine: string | undefined,
  header: string | string[] | undefined,
): void {
  const theirs = typeof header === 'string' ? header : undefined;
  if (theirs === mine) return;
  const hashes = (fingerprint: string | undefined) =>
    fingerprint === undefined ? 'the public tree hashes' : `tree key ${fingerprint}`;
  throw new HttpError(
    409,
    'tree_key_mismatch',
    `${service.id} hashes its tree with ${hashes(mine)} and the sender with ${hashes(theirs)}: ` +
      'their roots would never agree; give every node of the cluster the same --cluster-key.',
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
