// A recording's messages in ShiViz's log format, so the run opens in that tool too: the parser's
// regular expression on the first line, an empty line (one execution, no delimiter), then two
// events a message, its send on the sender and its receipt on the receiver, each with the
// vector clock of its node (the receiver merges the sender's clock, then ticks its own); a message
// that got no answer is a send alone.
import type { MessageRecord } from '../../api/messages.js';

/** How ShiViz reads each line: the node, its clock (JSON), what happened. */
export const SHIVIZ_PARSER = '(?<host>\\S+) (?<clock>\\{.*\\}) (?<event>.*)';

type Clock = Record<string, number>;

export function shivizLog(messages: readonly MessageRecord[]): string {
  const clocks = new Map<string, Clock>();
  const tick = (node: string, seen?: Clock): Clock => {
    const clock = { ...(clocks.get(node) ?? {}) };
    for (const [other, t] of Object.entries(seen ?? {}))
      clock[other] = Math.max(clock[other] ?? 0, t);
    clock[node] = (clock[node] ?? 0) + 1;
    clocks.set(node, clock);
    return clock;
  };
  const lines = [SHIVIZ_PARSER, ''];
  const ordered = messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.at - b.m.at || a.i - b.i);
  for (const { m } of ordered) {
    const what = `${m.kind} ${m.bytes} B`;
    const sent = tick(m.from);
    lines.push(`${hostName(m.from)} ${JSON.stringify(sent)} send ${what} to ${m.to} at ${m.at} ms`);
    // Never received: the send stands alone, saying so.
    if (m.noAnswer !== undefined) {
      lines[lines.length - 1] += ` (no answer: ${m.noAnswer})`;
      continue;
    }
    const got = tick(m.to, sent);
    lines.push(`${hostName(m.to)} ${JSON.stringify(got)} receive ${what} from ${m.from}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A node's name as one word (ShiViz's host is \S+). */
function hostName(node: string): string {
  return node.replace(/\s/g, '_');
}
