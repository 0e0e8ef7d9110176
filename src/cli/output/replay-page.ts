// replay --web: the live page of a recorded run, as it stood at the run's end, served until
// Ctrl-C; no node is started, so the page's controls stay hidden.
import { Recorder } from '../../web/recorder.js';
import { startWebServer } from '../../web/server.js';
import { WEB_HOST } from '../../web/live.js';
import type { Recording } from '../recording/format.js';
import { waitOrInterrupt } from '../lifecycle/interrupt.js';
import { announcePage } from './web.js';

export async function servePage(recording: Recording, port: number): Promise<void> {
  // The page's clock stands still at the recording's end: the slider spans the run as recorded.
  const end = recording.events[recording.events.length - 1]?.at ?? 0;
  const recorder = new Recorder(() => end);
  for (const { event, at } of recording.events) recorder.emit(event, at);
  if (recorder.state.ended === null) recorder.emit({ type: 'end', kept: false });
  const server = await startWebServer({ host: WEB_HOST, port, recorder, onNext: () => false });
  try {
    announcePage(server.url, false);
    await waitOrInterrupt();
  } finally {
    await server.close();
  }
}
