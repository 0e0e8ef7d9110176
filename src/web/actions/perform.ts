// Carries out a plan from plan.ts through the nodes' routes (and the launcher, for kill and
// restart), and says what happened as story events and one sentence for the page. The I/O comes
// in through `Hands`, so tests can hand in fakes.
import { plural, roundCounts } from '../../format.js';
import type { StoryEvent, WriteLine } from '../../story/events.js';
import type { WriteAnswer } from '../../api/http.js';
import type { RoundReport } from '../../api/reports.js';
import type { ReadAll } from '../../cluster/repair-client.js';
import type { Step } from './plan.js';
import { readAllWords } from './read-words.js';

/** The node calls a step may make (a NodeClient makes them all). */
export interface NodeCalls {
  partition(peers: string[]): Promise<{ cut: string[] }>;
  heal(): Promise<{ cut: string[] }>;
  trigger(): Promise<RoundReport>;
  put(key: string, value: string, direct: boolean): Promise<WriteAnswer>;
  del(key: string, direct: boolean): Promise<WriteAnswer>;
  setInterval(ms: number): Promise<{ intervalMs: number }>;
  health(): Promise<{ keys: number }>;
  setHints(enabled: boolean): Promise<{ enabled: boolean }>;
  /** The newest among the replicas, repaired on the stale ones before the answer (read=all). */
  readAll(key: string): Promise<ReadAll>;
}

export interface Hands {
  calls(node: string): NodeCalls;
  /** kill -9, and wait until the process is gone. */
  kill(node: string): Promise<void>;
  /** Start it again on its port from its data directory, and wait until it answers. */
  restart(node: string): Promise<void>;
  /** Node id for a peer address (answers name peers by address). */
  idOf(address: string): string;
  /** Bytes a full exchange between this node (id) and that peer (address) would ship. */
  fullCost(node: string, peer: string): number;
}

export interface Outcome {
  ok: boolean;
  /** One sentence for the page. */
  message: string;
  /** What the story shows. */
  events: StoryEvent[];
}

/** Runs the steps one after another; the first failure ends the plan and is reported. */
export async function perform(steps: readonly Step[], hands: Hands): Promise<Outcome> {
  const events: StoryEvent[] = [];
  const said: string[] = [];
  for (const step of steps) {
    try {
      said.push(await one(step, hands, events));
    } catch (error) {
      const message = `${verb(step)} on ${step.node} failed: ${(error as Error).message}`;
      events.push({ type: 'note', text: message });
      return { ok: false, message, events };
    }
  }
  return { ok: true, message: said.join(' '), events };
}

async function one(step: Step, hands: Hands, events: StoryEvent[]): Promise<string> {
  const calls = () => hands.calls(step.node);
  switch (step.call) {
    case 'partition': {
      const { cut } = await calls().partition(step.peers);
      return note(
        events,
        `${step.node} is cut off from ${cut.map(hands.idOf).join(', ')}, both ways.`,
      );
    }
    case 'heal': {
      await calls().heal();
      return note(events, `${step.node} is healed: it reaches every peer again.`);
    }
    case 'kill':
      await hands.kill(step.node);
      return note(events, `${step.node} was killed (kill -9); its card says so until Restart.`);
    case 'restart': {
      await hands.restart(step.node);
      const { keys } = await calls().health();
      return note(
        events,
        `${step.node} restarted from its data directory with ${plural(keys, 'key')}.`,
      );
    }
    case 'trigger': {
      const report = await calls().trigger();
      const fullCost = Object.fromEntries(
        report.peers.map((p) => [p.peer, hands.fullCost(step.node, p.peer)]),
      );
      const ids = Object.fromEntries(report.peers.map((p) => [p.peer, hands.idOf(p.peer)]));
      events.push({ type: 'exchange', report, ids, fullCost });
      return `Anti-entropy round on ${step.node}: ${roundCounts(report)}.`;
    }
    case 'put':
    case 'delete': {
      const answer =
        step.call === 'put'
          ? await calls().put(step.key, step.value, step.direct)
          : await calls().del(step.key, step.direct);
      const line = writeLine(step, answer, hands);
      events.push({ type: 'writes', writes: [line] });
      const failed = line.failed?.length ?? 0;
      const hinted = answer.replication?.failed.filter((f) => f.hinted).length ?? 0;
      const kept = hinted > 0 ? ` (${hinted === failed ? '' : `${hinted} `}kept as a hint)` : '';
      const failures = failed > 0 ? `, failed on ${failed}${kept}` : '';
      const reach = step.direct
        ? ' only'
        : `, acked by ${plural(line.acked?.length ?? 0, 'peer')}${failures}`;
      return `${step.call === 'put' ? 'Wrote' : 'Deleted'} ${step.key} on ${step.node}${reach}.`;
    }
    case 'interval': {
      await calls().setInterval(step.ms);
      return `${step.node}: ${step.ms === 0 ? 'periodic rounds off' : `a round every ~${step.ms} ms`}.`;
    }
    case 'hints': {
      await calls().setHints(step.enabled);
      return `${step.node}: hinted handoff ${step.enabled ? 'on' : 'off'}.`;
    }
    case 'read': {
      const read = await calls().readAll(step.key);
      return note(events, readAllWords(step.key, step.node, read, hands.idOf));
    }
  }
}

function writeLine(
  step: Extract<Step, { call: 'put' | 'delete' }>,
  answer: WriteAnswer,
  hands: Hands,
): WriteLine {
  return {
    method: step.call === 'put' ? 'PUT' : 'DELETE',
    key: step.key,
    node: step.node,
    direct: step.direct,
    ...(step.call === 'put' ? { value: step.value } : {}),
    version: answer.version,
    ...(answer.replication
      ? {
          acked: answer.replication.acked.map(hands.idOf),
          failed: answer.replication.failed.map((f) => ({
            peer: hands.idOf(f.peer),
            reason: f.reason,
            ...(f.hinted ? { hinted: true } : {}),
          })),
        }
      : {}),
  };
}

function note(events: StoryEvent[], text: string): string {
  events.push({ type: 'note', text });
  return text;
}

function verb(step: Step): string {
  const verbs: Record<Step['call'], string> = {
    partition: 'Cutting off',
    heal: 'Healing',
    kill: 'Killing',
    restart: 'Restarting',
    trigger: 'The anti-entropy round',
    put: `Writing ${'key' in step ? step.key : ''}`,
    delete: `Deleting ${'key' in step ? step.key : ''}`,
    interval: 'Setting the interval',
    hints: 'Switching hinted handoff',
    read: `Reading ${'key' in step ? step.key : ''} from all replicas`,
  };
  return verbs[step.call];
}
