// `run --web` opened after the run: the page keeps the cluster as it last was (cards with their
// keys, grids and one root), says that the run has ended, tells the story from its first part,
// and stops asking for the event stream once the CLI has gone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import { browserSkip, LAPTOP, launchChromium } from '../helpers/chromium.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { until } from '../helpers/poll.js';
import { freeBasePort } from '../helpers/ports.js';
import { startLive } from '../helpers/web.js';

/** The run (3 nodes, 50 keys) and its verdict: seconds, a minute on a loaded machine. */
const RUN_TIMEOUT_MS = 90_000;
/**
 * How long the page is watched after the CLI has gone, for a request that must not come: the
 * stream asks the page to retry after 1 s (server.ts RETRY_MS), so four chances to retry.
 */
const NO_RETRY_WATCH_MS = 4_000;

const skip = browserSkip();

describe('a live page opened after the run', { skip }, () => {
  it('keeps the cluster as it last was, says the run ended, and stops retrying', async () => {
    const base = await freeBasePort(3);
    const nodes = portRange(base).map((p) => `node-${p}`);
    const { child, url, output } = await startLive([
      'run',
      '--web',
      '--base-port',
      String(base),
      '--keys',
      '50',
    ]);
    let browser: Browser | undefined;
    try {
      await until(
        'the run to end',
        async () => /No browser has opened/.test(output()),
        RUN_TIMEOUT_MS,
      );
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: LAPTOP, colorScheme: 'light' });
      const streams: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/events') streams.push(r.url());
      });
      await page.goto(url);
      await page.getByText('The run has ended').waitFor({ timeout: 10_000 });
      assert.equal((await child).exitCode, 0, output());

      // Every card as it last was: its keys (50 background, user:alice, user:bob), its tree's
      // grid, and the one root they share.
      const roots = new Set<string>();
      for (const node of nodes) {
        const card = page.locator('.card', { has: page.getByRole('heading', { name: node }) });
        assert.match(await card.innerText(), /keys\s+52\b/, `${node} shows its keys`);
        await card.getByRole('img', { name: /top two levels of the Merkle tree/ }).waitFor();
        roots.add((await card.locator('code.root').getAttribute('data-root')) ?? '');
      }
      assert.equal(roots.size, 1, `one root on every card: ${[...roots].join(', ')}`);
      assert.ok(![...roots].includes(''), 'every card shows a root');

      // The story in reading order: the parts' numbers go up.
      const story = page.getByRole('region', { name: 'The story' });
      const numbers = (await story.getByRole('heading', { level: 2 }).allInnerTexts())
        .map((t) => /^\d+/.exec(t)?.[0])
        .filter((n) => n !== undefined)
        .map(Number);
      assert.ok(numbers.length >= 5, `numbered parts: ${numbers.join(', ')}`);
      assert.deepEqual(
        numbers,
        [...numbers].sort((a, b) => a - b),
        'parts in reading order',
      );

      // The CLI is gone: the page asks no more (a watch for what must not happen).
      await page.waitForTimeout(NO_RETRY_WATCH_MS);
      assert.deepEqual(streams, [new URL('events', url).href], 'one event stream, no retries');
      assert.deepEqual(await auditEverywhere(page, 'late-page'), []);
    } finally {
      await browser?.close();
      child.kill('SIGKILL');
    }
    await portsReleased(portRange(base));
  });
});
