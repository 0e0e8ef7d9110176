// A recording read back, every line checked: a file that is not a recording, or one of a format
// this build cannot read, is refused in one sentence (a usage error, exit 2) before anything is
// shown.
import { readFile } from 'node:fs/promises';
import { isMessageRecord, type MessageRecord } from '../../api/messages.js';
import { UsageError } from '../../errors.js';
import { whyUnreadable } from '../flags/file-reason.js';
import type { WebEvent } from '../../web/model.js';
import {
  RECORDING_FORMAT,
  type Recording,
  type RecordingHead,
  type RunDocument,
} from './format.js';

export async function readRecording(file: string): Promise<Recording> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UsageError(`Cannot read the recording ${file}: ${whyUnreadable(error)}.`, {
      cause: error,
    });
  });
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const head = headOf(file, lines[0]);
  const recording: Recording = { head, events: [], messages: [], result: undefined };
  for (let i = 1; i < lines.length; i++) addLine(recording, parse(lines[i]!), file, i + 1);
  return recording;
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The head, or why the file is not a recording this build reads. */
function headOf(file: string, line: string | undefined): RecordingHead {
  const head = (line === undefined ? undefined : parse(line)) as Partial<RecordingHead> | undefined;
  if (head?.type !== 'recording' || typeof head.format !== 'number')
    throw new UsageError(
      `${file} is not an ae-demo recording (make one with ae-demo run --record ${file}).`,
    );
  if (head.format !== RECORDING_FORMAT)
    throw new UsageError(
      `${file} is a recording of format ${head.format}, and this build reads format ` +
        `${RECORDING_FORMAT} only; replay it with the ae-demo that recorded it.`,
    );
  return head as RecordingHead;
}

function addLine(recording: Recording, value: unknown, file: string, n: number): void {
  const line = value as { type?: unknown; at?: unknown; event?: unknown; document?: unknown };
  if (isMessageRecord(value)) {
    recording.messages.push(value satisfies MessageRecord);
    recording.events.push({ at: value.at, event: value });
    return;
  }
  if (line?.type === 'event' && typeof line.at === 'number' && isEvent(line.event)) {
    recording.events.push({ at: line.at, event: line.event });
    return;
  }
  if (line?.type === 'result' && isDocument(line.document)) {
    recording.result = line.document;
    return;
  }
  throw new UsageError(`Line ${n} of ${file} is not part of a recording; the file is damaged.`);
}

function isEvent(value: unknown): value is WebEvent {
  return typeof (value as { type?: unknown } | null)?.type === 'string';
}

function isDocument(value: unknown): value is RunDocument {
  const d = value as Partial<RunDocument> | null;
  return typeof d?.converged === 'boolean' && Array.isArray(d.problems);
}
