// A recording: a run (or a foreground cluster) as JSON Lines. The first line is the head, which
// names the format's version; then every event the live page saw and every message between
// nodes, in the order they came, each with `at` (ms since the run began); a run ends with its
// result, the document `run --json` printed. `ae-demo replay` reads it back.
import type { MessageRecord } from '../../api/messages.js';
import type { WebEvent } from '../../web/model.js';

/** The format this build writes and reads. */
export const RECORDING_FORMAT = 1;

export interface RecordingHead {
  type: 'recording';
  format: number;
  /** What was recorded: `ae-demo run` or `ae-demo cluster`. */
  command: 'run' | 'cluster';
  /** The scenario played ('' for a cluster). */
  scenario: string;
  nodes: number;
  /** The run listed each exchange's messages (--messages): its replay does too. */
  messages: boolean;
  /** When the run began (ISO time). */
  startedAt: string;
}

/** A line of the recording after its head. */
export type RecordingLine =
  | MessageRecord
  | { type: 'event'; at: number; event: Exclude<WebEvent, MessageRecord> }
  | { type: 'result'; at: number; document: RunDocument };

/** The document `run --json` prints. */
export type RunDocument = Record<string, unknown> & { converged: boolean; problems: string[] };

/** A recording read back: its head, its lines in order, and the run's result if it finished. */
export interface Recording {
  head: RecordingHead;
  events: { at: number; event: WebEvent }[];
  messages: MessageRecord[];
  result: RunDocument | undefined;
}

/** The document as `run --json` prints it (and `replay --json` again). */
export function runJson(document: RunDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
