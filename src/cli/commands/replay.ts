// `ae-demo replay FILE`: a recorded run played back from its lines alone, no node started. The
// screen is the run's (the same story events through the same printer), --json its document,
// --report and --web the page the same events add up to, --export-shiviz its messages.
import { readRecording } from '../recording/read.js';
import { runJson, type Recording } from '../recording/format.js';
import { shivizLog } from '../recording/shiviz.js';
import { StoryPrinter } from '../render/story.js';
import { terminalWidth, wrap } from '../render/wrap.js';
import { strong } from '../render/style.js';
import { writeFileAtomic } from '../output/write-atomic.js';
import { UsageError, VerificationError } from '../../errors.js';
import { apply, initialState, type LiveState } from '../../web/model.js';
import { count, plural } from '../../format.js';

export interface ReplayOptions {
  file: string;
  json: boolean;
  messages: boolean;
  report?: string;
  shiviz?: string;
  /** Serve the page of the run's end on this port (0: any free one). */
  webPort?: number;
}

export async function replay(o: ReplayOptions): Promise<void> {
  const recording = await readRecording(o.file);
  if (o.json) {
    if (!recording.result)
      throw new UsageError(
        `${o.file} holds no result (the run did not finish, or it recorded a cluster); ` +
          'replay it without --json.',
      );
    process.stdout.write(runJson(recording.result));
  } else printScreen(recording, o.messages);
  if (o.shiviz !== undefined) {
    await writeFileAtomic(o.shiviz, shivizLog(recording.messages));
    note(`${strong('ShiViz log:')} ${o.shiviz}`);
  }
  if (o.report !== undefined) {
    const [{ reportHtml }, { CSS }] = await Promise.all([
      import('../../web/view/report.js'),
      import('../../web/view/style.js'),
    ]);
    const state = stateOf(recording);
    state.ended ??= { kept: false };
    await writeFileAtomic(o.report, reportHtml(state, CSS, new Date().toISOString()));
    note(`${strong('Report:')} ${o.report}`);
  }
  if (o.webPort !== undefined)
    await (await import('../output/replay-page.js')).servePage(recording, o.webPort);
  const result = recording.result;
  if (result && !result.converged)
    throw new VerificationError(
      `The replicas still differ after anti-entropy: ${result.problems[0] ?? 'see above'}.`,
    );
}

/** What the run printed: its heading, then each part, story event and verdict in order. */
function printScreen(recording: Recording, messages: boolean): void {
  const { head } = recording;
  const printer = new StoryPrinter(
    (text) => process.stdout.write(text),
    terminalWidth(),
    head.messages || messages ? () => recording.messages : undefined,
  );
  if (head.command === 'cluster') {
    const nodes = new Set(recording.messages.flatMap((m) => [m.from, m.to]));
    printer.prose(
      `A recording of ae-demo cluster (${plural(head.nodes, 'node')}, started ${head.startedAt}): ` +
        `${count(recording.messages.length)} messages between ${plural(nodes.size, 'node')}. ` +
        'Replay it with --web for the page, or --report FILE for the report.',
    );
    return;
  }
  printer.heading(head.scenario, head.nodes);
  for (const { event } of recording.events) {
    if (event.type === 'section') printer.section(event.title);
    else if (event.type === 'story') printer.show(event.event);
    else if (event.type === 'verdict') {
      const v = event.verdict;
      printer.verdict(v.converged, v.nodes, v.keys, v.root, v.problems, v.elapsedMs);
    }
  }
}

/** The page's state at the end of the recording. */
export function stateOf(recording: Recording): LiveState {
  const state = initialState();
  for (const { event } of recording.events) apply(state, event);
  return state;
}

function note(text: string): void {
  process.stderr.write(`${wrap(text, terminalWidth(), '  ')}\n`);
}
