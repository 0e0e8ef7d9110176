// run --record and cluster --record: every event of the run's recorder (the story, the looks at
// the nodes, the messages between them) written as it happens, one JSON line each, after the
// head; the run's result last. Lines go out through one stream, in order; close() waits for them.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Recorder } from '../../web/recorder.js';
import type { WebEvent } from '../../web/model.js';
import { UsageError } from '../../errors.js';
import {
  RECORDING_FORMAT,
  type RecordingHead,
  type RecordingLine,
  type RunDocument,
} from './format.js';

/** `at` values are kept to the microsecond. */
const AT_PRECISION = 1000;

export class RecordingWriter {
  readonly #out: WriteStream;
  readonly #since: number;
  #unsubscribe: (() => void) | undefined;

  private constructor(out: WriteStream, since: number) {
    this.#out = out;
    this.#since = since;
  }

  /**
   * Opens `file` and writes the head; `since`: when the run began (performance.now()), from
   * which every line's `at` counts. Refuses a file it cannot open, in one sentence.
   */
  static async open(
    file: string,
    head: Omit<RecordingHead, 'type' | 'format' | 'startedAt'>,
    since: number,
  ): Promise<RecordingWriter> {
    const out = createWriteStream(file);
    try {
      await once(out, 'open');
    } catch (error) {
      throw new UsageError(`--record ${file}: ${(error as Error).message}.`, { cause: error });
    }
    const writer = new RecordingWriter(out, since);
    const startedAt = new Date(performance.timeOrigin + since).toISOString();
    writer.#line({ type: 'recording', format: RECORDING_FORMAT, ...head, startedAt });
    return writer;
  }

  /** Writes every event the recorder sees from now on. */
  follow(recorder: Recorder): void {
    this.#unsubscribe = recorder.subscribe((event) => this.event(event));
  }

  event(event: WebEvent): void {
    if (event.type === 'snapshot') return;
    if (event.type === 'message') this.#line(event);
    else this.#line({ type: 'event', at: this.#at(), event });
  }

  result(document: RunDocument): void {
    this.#line({ type: 'result', at: this.#at(), document });
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#out.end();
    await once(this.#out, 'close').catch(() => undefined);
  }

  #at(): number {
    return Math.round((performance.now() - this.#since) * AT_PRECISION) / AT_PRECISION;
  }

  #line(line: RecordingHead | RecordingLine): void {
    this.#out.write(`${JSON.stringify(line)}\n`);
  }
}
