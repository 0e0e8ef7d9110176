// README's "What you will see" is a real capture: the same run, in a terminal as wide, must show
// the same words in the same order (times, digests, ports, durations, byte counts, and where
// the placement put the key aside).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { finalLines, inTerminal } from '../helpers/pty.js';

const README = new URL('../../../README.md', import.meta.url);
/** The capture in the README was taken in a terminal this wide, on these ports. */
const CAPTURE_COLUMNS = 100;
const CAPTURE_BASE_PORT = 21000;

/** The block under "## What you will see". */
function capture(readme: string): string {
  const section = readme.slice(readme.indexOf('## What you will see'));
  const start = section.indexOf('```\n') + 4;
  return section.slice(start, section.indexOf('```\n', start));
}

/** What changes from run to run, by the name it is compared under. */
const VARYING: [RegExp, string][] = [
  // Where user:alice lands (and so whether its leaf is listed at once or probed one level
  // deeper) depends on the background keys: masked, so a change of placement is not a story.
  [/\bbranch [0-9a-f]\b/g, 'branch B'],
  [/\bleaf [0-9a-f]{2}\b/g, 'leaf L'],
  [/│ \d+(?= (\(\d+ passes\))? *│ \d+(\.\d+)? (B|kB|MB) )/g, '│ TRIPS'],
  [/\d\d:\d\d:\d\d\.\d{6}(\+\d+)?/g, 'TIME'],
  [/\b[0-9a-f]{6}…/g, 'DIGEST'],
  [/\b\d+(\.\d+)? (s|ms)\b/g, 'DURATION'],
  [/\b\d+(\.\d+)? (B|kB|MB)\b/g, 'BYTES'],
  // How many entries differed with a peer: 2 when the round's first pass handed on the older
  // version before the second pass the newer (the race the second-pass note explains).
  [/\bd \d+ of\b/g, 'd N of'],
  // An exchange's bytes over its floor: "(5.7×)", "(9×)".
  [/\(\d+(\.\d+)?×\)/g, '(R×)'],
  // The differing entries an exchange met: with the second pass, 1 or 2 with the third node,
  // as the round trips vary (which exchange gets user:alice there first).
  [/\bd \d+ of\b/g, 'd D of'],
  [/\(\d+×/g, '(N×'],
  [/\b\d+ \((\d+) passes\)/g, 'N ($1 passes)'],
];

/** The words of a screen, with what varies named and box lines of any length alike. */
function words(text: string, basePort: number): string[] {
  let t = text;
  for (const [i, port] of portRange(basePort).entries())
    t = t.replace(new RegExp(`\\b${port}\\b`, 'g'), `PORT${i + 1}`);
  for (const [pattern, name] of VARYING) t = t.replace(pattern, name);
  return t
    .replace(/─+/g, '─')
    .split(/\s+/)
    .filter((w) => w !== '');
}

describe('README', () => {
  it('"What you will see" matches what `ae-demo run` shows', async () => {
    const readme = await readFile(README, 'utf8');
    const base = await freeBasePort(3);
    const t = inTerminal(['run', '--base-port', String(base)], CAPTURE_COLUMNS);
    try {
      const exit = await t.exited;
      assert.equal(exit.code, 0, t.screen());
      const screen = finalLines(t.screen()).join('\n');
      assert.deepEqual(words(screen, base), words(capture(readme), CAPTURE_BASE_PORT));
    } finally {
      t.kill();
    }
    await portsReleased(portRange(base));
  });
});
