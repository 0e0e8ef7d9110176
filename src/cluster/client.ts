// A client for one node's public HTTP API (got: timeouts, retries of idempotent reads).
import type { FaultsRequest } from '../api/faults.js';
import type { Got } from 'got';
import { NoAnswerError, NodeAnswerError } from '../errors.js';
import { CLUSTER_KEY_HEADER, NODE_HEADER } from '../api/headers.js';
import { networkReason } from '../net/network-reason.js';
import type {
  BatchAnswer,
  FaultsAnswer,
  Health,
  HintsAnswer,
  ListAnswer,
  ReadAnswer,
  RoundsAnswer,
  Snapshot,
  StatsAnswer,
  TreeLevel,
  TreeNodeView,
  TriggerAnswer,
  WriteAnswer,
  IntervalAnswer,
} from '../api/http.js';
import type { ErrorAnswer } from '../api/errors.js';
import type { Strategy } from '../api/strategies.js';
import type { SiblingsReadAnswer } from '../api/conflicts.js';
import { loadGot } from './got.js';
import { SIBLING_JOIN, type KeyState } from './key-state.js';
import { readAll, switchHints, type ReadAll } from './repair-client.js';

/** Reads retry a little (a node that just started may still be binding); writes never do. */
const READ_RETRIES = 2;
const REQUEST_TIMEOUT_MS = 3_000;
/** A trigger waits for a whole round, which at large sizes takes a while. */
const TRIGGER_TIMEOUT_MS = 120_000;

export type { KeyState };

/** How patient a client is: watchers that sample often want quick answers and no retries. */
export interface ClientOptions {
  retries?: number;
  timeoutMs?: number;
}

export class NodeClient {
  readonly address: string;
  #http: Promise<Got> | undefined;
  /** Opens the admin routes and the message stream to other modules (repair-client.ts). */
  readonly clusterKey: string | undefined;
  readonly #retries: number;
  readonly #timeoutMs: number;

  /** The cluster key, when the nodes have one, opens the admin routes (fault injection). */
  constructor(address: string, clusterKey?: string, options: ClientOptions = {}) {
    this.address = address;
    this.clusterKey = clusterKey;
    this.#retries = options.retries ?? READ_RETRIES;
    this.#timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  /** got is imported on first use, so commands that never call a node do not pay for it. */
  #client(): Promise<Got> {
    this.#http ??= loadGot().then((got) =>
      got.extend({
        prefixUrl: `http://${this.address}`,
        timeout: { request: this.#timeoutMs },
        retry: { limit: this.#retries, methods: ['GET'] },
        throwHttpErrors: false,
        responseType: 'json',
        headers: this.clusterKey ? { [CLUSTER_KEY_HEADER]: this.clusterKey } : {},
      }),
    );
    return this.#http;
  }

  health(): Promise<Health> {
    return this.#ok<Health>('GET', 'health');
  }

  async key(key: string): Promise<KeyState> {
    let res;
    try {
      res = await (await this.#client()).get(`kv/${encodeURIComponent(key)}`);
    } catch (error) {
      return {
        node: this.address,
        address: this.address,
        state: 'unreachable',
        value: null,
        version: null,
        reason: networkReason(error, this.#timeoutMs),
      };
    }
    const body = res.body as Partial<ReadAnswer & SiblingsReadAnswer> & Partial<ErrorAnswer>;
    const node = res.headers[NODE_HEADER] as string | undefined;
    if (res.statusCode === 200)
      return {
        node: node ?? this.address,
        address: this.address,
        state: 'value',
        value: body.value ?? body.values?.join(SIBLING_JOIN) ?? null,
        version: body.version ?? null,
        ...(body.siblings ? { siblings: body.siblings } : {}),
        ...(body.via ? { via: body.via } : {}),
      };
    if (res.statusCode === 404) {
      return {
        node: node ?? this.address,
        address: this.address,
        state: body.deleted ? 'deleted' : 'missing',
        value: null,
        version: body.version ?? null,
      };
    }
    return {
      node: node ?? this.address,
      address: this.address,
      state: 'unreachable',
      value: null,
      version: null,
      reason: `HTTP ${res.statusCode}`,
    };
  }

  put(key: string, value: string, direct: boolean): Promise<WriteAnswer> {
    return this.#ok<WriteAnswer>('PUT', `kv/${encodeURIComponent(key)}${direct ? '/direct' : ''}`, {
      value,
    });
  }

  del(key: string, direct: boolean): Promise<WriteAnswer> {
    return this.#ok<WriteAnswer>(
      'DELETE',
      `kv/${encodeURIComponent(key)}${direct ? '/direct' : ''}`,
    );
  }

  /** POST /kv: many writes in one request, replicated as one message per peer unless direct. */
  batch(
    items: { key: string; value?: string; deleted?: boolean }[],
    direct: boolean,
  ): Promise<BatchAnswer> {
    return this.#ok('POST', 'kv', { items, direct }, TRIGGER_TIMEOUT_MS);
  }

  /** One page of live entries in key order. */
  list(prefix: string, limit: number, cursor: string | null): Promise<ListAnswer> {
    const query = new URLSearchParams({
      prefix,
      limit: String(limit),
      ...(cursor !== null ? { cursor } : {}),
    });
    return this.#ok('GET', `kv?${query.toString()}`);
  }

  /** Cuts this node off from the named peers, both ways (fault injection). */
  partition(peers: string[]): Promise<FaultsAnswer> {
    return this.#ok('POST', 'admin/partition', { peers });
  }

  /** Heals the named peers' faults, or every fault of the node. */
  heal(peers?: string[]): Promise<FaultsAnswer> {
    return this.#ok('POST', 'admin/heal', peers ? { peers } : {});
  }

  /** The node's periodic anti-entropy interval now. */
  interval(): Promise<IntervalAnswer> {
    return this.#ok('GET', 'admin/interval');
  }

  /** Sets the node's periodic anti-entropy interval at run time (0: only on trigger). */
  setInterval(ms: number): Promise<IntervalAnswer> {
    return this.#ok('POST', 'admin/interval', { ms });
  }

  stats(): Promise<StatsAnswer> {
    return this.#ok('GET', 'stats');
  }

  snapshot(): Promise<Snapshot> {
    return this.#ok<Snapshot>('GET', 'merkle/snapshot');
  }

  treeNode(level: number, index: number): Promise<TreeNodeView> {
    return this.#ok<TreeNodeView>('GET', `merkle/node?level=${level}&index=${index}`);
  }

  /** Every tree node of one level (0 to 3), for pictures of the top of the tree. */
  treeLevel(level: number): Promise<TreeLevel> {
    return this.#ok<TreeLevel>('GET', `merkle/level?level=${level}`);
  }

  /** The node's recent anti-entropy rounds after round number `after`, and its newest number. */
  rounds(after: number): Promise<RoundsAnswer> {
    return this.#ok('GET', `anti-entropy/rounds?after=${after}`);
  }

  /** Turns hinted handoff on or off on the node from now on (repair-client.ts has the route). */
  setHints(enabled: boolean): Promise<HintsAnswer> {
    return switchHints(this, enabled);
  }

  /** The newest among the replicas, repaired on the stale ones before the answer (read=all). */
  readAll(key: string): Promise<ReadAll> {
    return readAll(this, key);
  }

  /** The node's faults; with a request, its network faults and skew set first (the parts given). */
  faults(request?: FaultsRequest): Promise<FaultsAnswer> {
    return request ? this.#ok('POST', 'admin/faults', request) : this.#ok('GET', 'admin/faults');
  }

  /** One round now, against these peers (default: all), with this strategy (default: the node's). */
  trigger(peers?: string[], strategy?: Strategy): Promise<TriggerAnswer> {
    const body = { ...(peers ? { peers } : {}), ...(strategy ? { strategy } : {}) };
    return this.#ok<TriggerAnswer>(
      'POST',
      'anti-entropy/trigger',
      Object.keys(body).length > 0 ? body : undefined,
      TRIGGER_TIMEOUT_MS,
    );
  }

  async #ok<T>(
    method: 'GET' | 'PUT' | 'DELETE' | 'POST',
    path: string,
    json?: unknown,
    timeoutMs = this.#timeoutMs,
  ): Promise<T> {
    let res;
    try {
      res = await (
        await this.#client()
      )(path, { method, ...(json !== undefined ? { json } : {}), timeout: { request: timeoutMs } });
    } catch (error) {
      throw new NoAnswerError(this.address, networkReason(error, timeoutMs), { cause: error });
    }
    if (res.statusCode !== 200) {
      const err = (res.body as Partial<ErrorAnswer> | undefined)?.error;
      throw new NodeAnswerError(
        this.address,
        res.statusCode,
        err?.code ?? null,
        err?.message ?? 'no message',
      );
    }
    return res.body as T;
  }
}
