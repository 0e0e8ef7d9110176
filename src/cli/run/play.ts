// How `run` stages a scenario: each part, phase and story event goes to the terminal (or
// nowhere with --json) and to the live page or report, if any. The scenario sees only its context.
import { stripVTControlCharacters } from 'node:util';
import type { Cluster } from '../../cluster/cluster.js';
import { OutlineError } from '../../errors.js';
import {
  partTitle,
  type Part,
  type ScenarioContext,
  type ScenarioOptions,
} from '../../story/scenario.js';
import type { RunView } from '../../web/live.js';
import type { Progress } from '../render/spinner.js';
import type { StoryPrinter } from '../render/story.js';
import { waitForNext } from './step.js';
import type { MessageFeed } from '../../cluster/message-feed.js';

/** Where a run's story goes: the terminal's printer and spinner, and the page's recorder. */
export interface Stage {
  printer: StoryPrinter;
  progress: Progress;
  view: RunView | undefined;
  /** --step: wait for Enter (or the page's Next) before each part. */
  step: boolean;
  /** The messages between the nodes, when the run lists or records them. */
  feed?: MessageFeed;
}

/** Runs work under a spinner, and tells the page when it starts, ends or fails. */
export function phaseOn(stage: Stage): ScenarioContext['phase'] {
  const { progress, view } = stage;
  return async (title, work, summary) => {
    view?.emit({ type: 'phase', title, state: 'running' });
    try {
      const result = await progress.phase(title, work, summary);
      view?.emit({
        type: 'phase',
        title,
        state: 'done',
        ...(summary ? { summary: stripVTControlCharacters(summary(result)) } : {}),
      });
      await view?.sample();
      return result;
    } catch (error) {
      view?.emit({
        type: 'phase',
        title,
        state: 'failed',
        summary: `${title}: ${(error as Error).message}`,
      });
      throw error;
    }
  };
}

/** The context a scenario plays in, on a started cluster. */
export function scenarioContext(
  cluster: Cluster,
  options: ScenarioOptions,
  parts: readonly Part[],
  stage: Stage,
): ScenarioContext {
  const { printer, view } = stage;
  let played = 0;
  return {
    cluster,
    options,
    section: async (part) => {
      const expected = parts[played];
      if (part.short !== expected?.short) throw new OutlineError(part.short, expected?.short);
      played += 1;
      const title = partTitle(part, cluster);
      await view?.sample();
      if (stage.step) await waitForNext(title, view);
      printer.section(title);
      view?.emit({ type: 'section', title });
    },
    phase: phaseOn(stage),
    show: (event) => {
      printer.show(event);
      view?.emit({ type: 'story', event });
    },
    awaitMessages: (report) => stage.feed?.settle(report) ?? Promise.resolve(),
  };
}
