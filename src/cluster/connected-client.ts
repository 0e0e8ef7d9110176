// The client of a node that runs elsewhere. Two differences from a forked node's: (1) the fault
// route is given the names the nodes know each other by (their own addresses, from /health),
// not the ones this CLI reaches them at (127.0.0.1:P through a port-forward, for ae-1.ae:9999);
// (2) every node it cuts off is written in a ledger, so that a run that ends, or is interrupted,
// heals what it cut and leaves the cluster whole.
import { NodeClient } from './client.js';
import { InterruptedError, NoAnswerError, NodeAnswerError, UsageError } from '../errors.js';
import type { FaultsAnswer } from '../api/http.js';
import { EVERY_PEER, type FaultsRequest } from '../api/faults.js';

/** The nodes this CLI cut off and has not healed, and the fault calls still on their way. */
export class CutLedger {
  readonly #cut = new Set<string>();
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  /** Once closed (the cluster stops), no cut is made any more. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Addresses of the nodes with cuts made here. */
  cutNodes(): string[] {
    return [...this.#cut];
  }

  /** Runs a fault call, counted until it settles, so that close() can wait for it. */
  track<T>(call: Promise<T>): Promise<T> {
    this.#pending.add(call);
    void call.then(
      () => this.#pending.delete(call),
      () => this.#pending.delete(call),
    );
    return call;
  }

  cut(address: string): void {
    this.#cut.add(address);
  }

  healed(address: string): void {
    this.#cut.delete(address);
  }

  /** No new cut from now on; resolves once the calls on their way have settled. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#pending]);
  }
}

/** A NodeClient whose partitions name peers as the node knows them, and are kept in the ledger. */
export class NamingClient extends NodeClient {
  readonly #naming: (addresses: readonly string[]) => string[];
  readonly #ledger: CutLedger;

  constructor(
    address: string,
    clusterKey: string | undefined,
    naming: (addresses: readonly string[]) => string[],
    ledger: CutLedger,
  ) {
    super(address, clusterKey);
    this.#naming = naming;
    this.#ledger = ledger;
  }

  override partition(peers: string[]): Promise<FaultsAnswer> {
    if (this.#ledger.closed) return Promise.reject(new InterruptedError('a stop of the cluster'));
    // Written before the call: a cut that lands while the run is interrupted is healed too.
    this.#ledger.cut(this.address);
    const call = keyed(super.partition(this.#naming(peers)), this.address);
    // A refusal cut nothing; a call that got no answer may have, and stays in the ledger.
    call.catch((error: unknown) => {
      if (!(error instanceof NoAnswerError)) this.#ledger.healed(this.address);
    });
    return this.#ledger.track(call);
  }

  /** Network faults, their peers named as the node knows them; in the ledger like a cut. */
  override faults(request?: FaultsRequest): Promise<FaultsAnswer> {
    if (!request) return super.faults();
    if (this.#ledger.closed) return Promise.reject(new InterruptedError('a stop of the cluster'));
    this.#ledger.cut(this.address);
    const name = (peer: string) => (peer === EVERY_PEER ? peer : this.#naming([peer])[0]!);
    const named: FaultsRequest = {
      ...request,
      ...(request.links
        ? { links: Object.fromEntries(Object.entries(request.links).map(([p, l]) => [name(p), l])) }
        : {}),
      ...(request.deaf ? { deaf: this.#naming(request.deaf) } : {}),
    };
    return this.#ledger.track(keyed(super.faults(named), this.address));
  }

  override async heal(peers?: string[]): Promise<FaultsAnswer> {
    const call = super.heal(peers ? this.#naming(peers) : undefined);
    const answer = await this.#ledger.track(keyed(call, this.address));
    if (answer.cut.length === 0) this.#ledger.healed(this.address);
    return answer;
  }
}

/** A fault call refused for want of the key says how to give it (exit 2: the cut never happened). */
async function keyed<T>(call: Promise<T>, address: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof NodeAnswerError && error.nodeCode === 'unauthorized')
      throw new UsageError(
        `${address} wants the cluster key it was started with; give it with ` +
          '--cluster-key-file FILE (or $AE_CLUSTER_KEY, or --cluster-key).',
        { cause: error },
      );
    throw error;
  }
}
