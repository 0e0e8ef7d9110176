// What a run leaves for a browser: the report file at the end, and a live page that waits for a
// viewer when the run finished before anyone opened it.
import type { RunView } from '../../web/live.js';
import { waitOrInterrupt } from '../lifecycle/interrupt.js';
import { reportHtml } from '../../web/view/report.js';
import { CSS } from '../../web/view/style.js';
import { strong, quiet, link } from '../render/style.js';
import { terminalWidth, wrap } from '../render/wrap.js';
import { writeFileAtomic } from './write-atomic.js';

/** Says where the live page is, and how it will be driven. */
export function announcePage(url: string, step: boolean): void {
  const how = step ? '(open it; its Next button plays each part)' : '(open it in a browser)';
  process.stderr.write(
    `${wrap(`${strong('Live view:')} ${link(url)}  ${quiet(how)}`, terminalWidth())}\n`,
  );
}

/** The report, written whole (the same events the live page saw) and named on stderr. */
export async function writeReport(view: RunView, file: string, kept: boolean): Promise<void> {
  const state = structuredClone(view.recorder.state);
  state.ended ??= { kept };
  await writeFileAtomic(file, reportHtml(state, CSS, new Date().toISOString()));
  process.stderr.write(`${wrap(`${strong('Report:')} ${file}`, terminalWidth(), '  ')}\n`);
}

/**
 * A live page that never connected would miss the whole run: the page stays up until one
 * connects and has been sent every event (or Ctrl-C). A page that connected keeps what it got.
 */
export async function lingerForPage(view: RunView): Promise<void> {
  if (view.viewed) return;
  const waiting = `No browser has opened ${view.url} yet: it stays up until one does (Ctrl-C to quit).`;
  process.stderr.write(`${wrap(quiet(waiting), terminalWidth())}\n`);
  await waitOrInterrupt(view.whenViewed());
}
