// Requests a connection has not yet had answered, counted on the socket itself. A malformed
// request that follows one still being answered on the same connection (an unframed body, a
// bad pipelined request) must not get its 400 written into the middle of that answer: the
// connection is closed once the answer is out instead.

/** What the count needs of a socket: somewhere to keep it, and a close after pending writes. */
export interface CountedSocket {
  destroySoon(): void;
}

const BUSY = Symbol('ae-busy');
type Busy = CountedSocket & { [BUSY]?: number };

export class Connections {
  readonly #closeAfterAnswer = new WeakSet<CountedSocket>();

  /** A request arrived on this socket. */
  started(socket: CountedSocket): void {
    const s = socket as Busy;
    s[BUSY] = (s[BUSY] ?? 0) + 1;
  }

  /** A request of this socket has been answered (or its connection closed). */
  answered(socket: CountedSocket): void {
    const s = socket as Busy;
    s[BUSY] = (s[BUSY] ?? 1) - 1;
    if (this.#closeAfterAnswer.has(socket)) socket.destroySoon();
  }

  /**
   * A malformed request arrived: true when it can be answered at once; false when an answer is
   * still being written, and the connection closes after it instead.
   */
  malformed(socket: CountedSocket): boolean {
    if (((socket as Busy)[BUSY] ?? 0) === 0) return true;
    this.#closeAfterAnswer.add(socket);
    return false;
  }
}
