// The context a write in siblings mode carries: "context" in a PUT body, ?context= on a DELETE.
// A node in lww mode reads neither, so its answers stay as they were.
import type { Context } from '../../conflicts/dvvset.js';
import { decodeContext, SiblingFormatError } from '../../conflicts/encoding.js';
import type { NodeService } from '../../service.js';
import { badRequest, field } from '../parse.js';

/** The "context" of a PUT body, when the node keeps siblings and the body has one. */
export function bodyContext(service: NodeService, body: unknown): Context | undefined {
  if (service.conflicts !== 'siblings') return undefined;
  const raw = field(body, 'context');
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string')
    throw badRequest('"context" must be the string a read of the key answered.');
  return decoded(raw);
}

/** ?context= of a DELETE, when the node keeps siblings. */
export function queryContext(service: NodeService, query: URLSearchParams): Context | undefined {
  if (service.conflicts !== 'siblings') return undefined;
  const raw = query.get('context');
  return raw === null || raw === '' ? undefined : decoded(raw);
}

function decoded(raw: string): Context {
  try {
    return decodeContext(raw);
  } catch (error) {
    if (error instanceof SiblingFormatError)
      throw badRequest(
        'The context is not one a read of this key answered: send back the "context" of a GET.',
      );
    throw error;
  }
}
