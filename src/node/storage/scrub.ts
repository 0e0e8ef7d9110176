// The background scrub (--scrub-interval): while the node runs, every stored row is read back
// and checked against its checksum, a page per turn of the event loop, so that damage on disk
// is found before a restart would meet it (as ZFS scrubs its pool). A damaged row is deleted
// and its entry dropped from memory: the node then holds nothing it could not load again,
// serves and sends nothing of that key, and anti-entropy brings the good copy back from a peer
// and writes it to disk again.
import type { Counters } from '../../api/counters.js';
import { checkRows, type SummedRow } from './checksum.js';

/** Damaged keys named one by one in the log; past this many, a count says how many more. */
const NAMED_IN_LOG = 20;

export interface ScrubOptions {
  /** The rows, a page at a time (Storage.pages). */
  pages: () => Iterable<readonly SummedRow[]>;
  /** Drops a key's entry from memory and its row from disk: missing until a peer sends it. */
  drop: (key: string) => void;
  counters: Counters;
  log: (line: string) => void;
  /** Milliseconds between the end of one pass and the start of the next; 0: never on its own. */
  intervalMs: number;
  /** Keys found damaged at start-up: already counted and logged. */
  known?: Iterable<string>;
  /** Milliseconds now (injected: the pass's duration is reported). */
  now: () => number;
  /** Waits between two pages, so requests are answered during a pass. */
  pause: () => Promise<void>;
}

export interface ScrubReport {
  /** Rows read and checked. */
  rows: number;
  /** Keys found damaged in this pass that were not known damaged before. */
  damaged: string[];
  ms: number;
}

export class Scrub {
  readonly #o: ScrubOptions;
  /**
   * Keys whose rows are damaged, counted and logged once (a row that could not be deleted is
   * met again by the next pass); dropped from here when the row is gone or good again.
   */
  readonly #known: Set<string>;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<ScrubReport> | undefined;
  #stopped = false;

  constructor(options: ScrubOptions) {
    this.#o = options;
    this.#known = new Set(options.known);
  }

  /** Passes every intervalMs from now on (none when it is 0). */
  start(): void {
    if (this.#o.intervalMs > 0 && !this.#stopped) this.#schedule();
  }

  /** Stops the timer and waits for a pass in progress, which ends at its next page. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#pass;
  }

  /** A whole pass now (or the one in progress). */
  run(): Promise<ScrubReport> {
    this.#pass ??= this.#run().finally(() => (this.#pass = undefined));
    return this.#pass;
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      void this.run()
        .catch((error: unknown) => {
          // A file SQLite cannot read (damage in its own structure, not in a row) is no reason
          // to stop serving: said, counted, and tried again at the next pass.
          this.#o.counters.scrub.failed += 1;
          this.#o.log(`data dir: the scrub could not read the file (${(error as Error).message})`);
        })
        .then(() => {
          if (!this.#stopped) this.#schedule();
        });
    }, this.#o.intervalMs).unref();
  }

  async #run(): Promise<ScrubReport> {
    const o = this.#o;
    const started = o.now();
    const damagedNow = new Set<string>();
    const found: string[] = [];
    let rows = 0;
    for (const page of o.pages()) {
      rows += page.length;
      for (const key of checkRows(page).damaged) {
        damagedNow.add(key);
        if (this.#known.has(key)) continue;
        this.#known.add(key);
        o.drop(key);
        found.push(key);
      }
      if (this.#stopped) break;
      await o.pause();
    }
    // A key repaired since (its row good again) counts again if it is ever damaged again.
    if (!this.#stopped)
      for (const key of this.#known) if (!damagedNow.has(key)) this.#known.delete(key);
    const ms = o.now() - started;
    o.counters.corrupt += found.length;
    o.counters.scrub.runs += 1;
    o.counters.scrub.rowsChecked += rows;
    o.counters.scrub.lastRunMs = ms;
    for (const line of damageLines(found, 'the scrub')) o.log(line);
    return { rows, damaged: found, ms };
  }
}

/** The log lines naming damaged keys (the first NAMED_IN_LOG of them), found by `who`. */
export function damageLines(keys: readonly string[], who: string): string[] {
  const named = keys
    .slice(0, NAMED_IN_LOG)
    .map(
      (key) =>
        `data dir: ${who} found the stored entry of ${JSON.stringify(key)} damaged (its checksum ` +
        'does not match): it is treated as missing until anti-entropy brings it back from a peer',
    );
  const more = keys.length - named.length;
  return more > 0 ? [...named, `data dir: ${who} found ${more} more damaged entries`] : named;
}
