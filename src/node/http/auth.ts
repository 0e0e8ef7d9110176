// Internal and admin routes: when the cluster has a key, only callers that present it get in.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { CLUSTER_KEY_HEADER } from '../../api/headers.js';
import { HttpError } from './errors.js';

/** Throws 401 unless the request carries the cluster key (compared in constant time). */
export function authorize(req: IncomingMessage, clusterKey: string | undefined): void {
  if (!clusterKey) return;
  const given = req.headers[CLUSTER_KEY_HEADER];
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(clusterKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError(401, 'unauthorized', 'This route needs the cluster key (--cluster-key).');
  }
}
