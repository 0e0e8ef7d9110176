// The nodes' log lines as `cluster` shows them: each prefixed with its node's number in the
// node's colour, wrapped to the terminal under the prefix. Held back until every node is up: a
// node that cannot start speaks of its own flags (--port), and the command's error says the
// same in the command's (--base-port). Silent once the command stops: Ctrl-C ends with one line.
import { nodePaint } from './style.js';
import { wrap } from './wrap.js';

export class NodeLog {
  #state: 'starting' | 'up' | 'stopping' = 'starting';
  #held: string[] = [];
  readonly #out: (text: string) => void;
  readonly #width: number | undefined;

  /** `width`: wrap to this many columns (the terminal's); undefined: lines stay whole. */
  constructor(out: (text: string) => void, width?: number) {
    this.#out = out;
    this.#width = width;
  }

  /** One line of node `node` (1-based), as the launcher relays it. */
  readonly line = (node: number, _stream: 'stdout' | 'stderr', line: string): void => {
    if (this.#state === 'stopping') return;
    const prefix = `node ${node} │`;
    // Continuation lines keep the bar, under the prefix's.
    const bar = `${' '.repeat(prefix.length - 1)}│`;
    const paint = nodePaint(node);
    const text = wrap(`${prefix} ${line}`, this.#width, `${bar} `)
      .split('\n')
      .map((l, i) =>
        i === 0 ? paint(prefix) + l.slice(prefix.length) : paint(bar) + l.slice(bar.length),
      )
      .join('\n');
    if (this.#state === 'starting') this.#held.push(`${text}\n`);
    else this.#out(`${text}\n`);
  };

  /** Every node is up: what they said while starting is shown, and what they say from now on. */
  up(): void {
    this.#state = 'up';
    for (const text of this.#held) this.#out(text);
    this.#held = [];
  }

  /** The command is stopping: the nodes' last words ("stopping (SIGTERM)") are not shown. */
  stop(): void {
    this.#state = 'stopping';
    this.#held = [];
  }
}
