// A replayed page equals the live one at its end: run --web --record plays the seed story with
// a browser on its live page; once the run has ended, the page's cards (keys, roots, counters),
// their grids and the "Messages between nodes" table are read; then replay --web of the file it
// recorded is opened and must show the same, with no node started. The live page's Time slider
// goes back to before the repair, too.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserAndTempDir, browserSkip, LAPTOP, STEP_TIMEOUT_MS } from '../helpers/chromium.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { backUntil, keysOn, pressTime } from '../helpers/time.js';
import { startLive, withLiveRun } from '../helpers/web.js';

/** The run (3 nodes, 50 keys) and its verdict: seconds, a minute on a loaded machine. */
const RUN_TIMEOUT_MS = 90_000;
/** Background keys; then user:bob reaches every node, user:alice the third only by repair. */
const KEYS = 50;

const skip = browserSkip();

/** What the page shows of the cluster: the cards' text, their grids, and the message table. */
async function shown(page: Page): Promise<{ cards: string; grids: string[]; messages: string }> {
  await page.getByText('The run has ended').waitFor({ timeout: RUN_TIMEOUT_MS });
  const table = page.getByRole('table', { name: 'Messages between nodes' });
  await table.waitFor({ timeout: STEP_TIMEOUT_MS });
  return {
    cards: await page.locator('#cards').innerText(),
    grids: await page.locator('#cards svg').evaluateAll((all) => all.map((g) => g.outerHTML)),
    messages: await table.innerText(),
  };
}

describe('a replayed page equals the live one at its end', { skip }, () => {
  const suite = browserAndTempDir('ae-demo-replay-live-');

  it('shows the same cards, grids and messages', async () => {
    const file = path.join(suite.dir, 'seed.jsonl');
    const base = await freeBasePort(3);
    const third = `node-${base + 2}`;
    const keys = ['--keys', String(KEYS)];
    const args = ['run', '--web', '--record', file, '--base-port', String(base), ...keys];
    const live = await startLive(args);
    let atEnd: Awaited<ReturnType<typeof shown>>;
    try {
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(live.url);
      atEnd = await shown(page);
      assert.equal((await live.child).exitCode, 0, live.output());
      // The live page's Time slider goes back to before the repair, and forward to the end.
      const before = async () => (await keysOn(page, third)) === String(KEYS + 1);
      assert.ok(await backUntil(page, before), 'the third node lacked user:alice once');
      await pressTime(page, 'End');
      assert.equal(await keysOn(page, third), String(KEYS + 2));
      await page.close();
    } finally {
      live.child.kill('SIGKILL');
      await live.child.catch(() => undefined);
    }
    await portsReleased(portRange(base));
    assert.match(atEnd.cards, new RegExp(`keys\\s+${KEYS + 2}`));
    assert.match(atEnd.messages, /exchange:root/);

    await withLiveRun(['replay', file, '--web'], async ({ url }) => {
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      const replayed = await shown(page);
      assert.equal(replayed.cards, atEnd.cards);
      assert.deepEqual(replayed.grids, atEnd.grids);
      assert.equal(replayed.messages, atEnd.messages);
    });
  });
});
