// Siblings on the live page in a real browser: `run --scenario concurrent --web` keeps both
// concurrent writes of user:carol once the nodes run with --conflicts siblings, and the page lists
// the set by its accessible name, with both values and each one's vector in words, drawn as an
// image of which write saw which, and the story's causality picture as a drawing with a table of
// the same writes (texts inside their boxes at 1280 and 390 px wide); axe clean at
// 1280×720 and 390×844, light and dark. Every node and the page are gone when the test ends.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import {
  ARTIFACTS,
  browserSkip,
  closeAndInterrupt,
  LAPTOP,
  launchChromium,
  PHONE,
} from '../helpers/chromium.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { startLive } from '../helpers/web.js';

const skip = browserSkip();

/** Every text of a drawing lies inside its box, and the drawing inside the window. */
async function fits(svg: Locator): Promise<void> {
  const outside = await svg.evaluate((el) => {
    const bad: string[] = [];
    const page = el.ownerDocument.documentElement.clientWidth;
    if (el.getBoundingClientRect().right > page + 0.5)
      bad.push('the drawing is wider than the page');
    for (const g of el.querySelectorAll('g.write')) {
      const box = g.querySelector('rect')!.getBoundingClientRect();
      for (const t of g.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) bad.push(t.textContent ?? '');
      }
    }
    return bad;
  });
  assert.deepEqual(outside, []);
}
/** The scenario plays both halves (lww, then siblings after a restart) before the list shows. */
const STORY_TIMEOUT_MS = 90_000;

describe('siblings on the live page', { skip }, () => {
  it('lists both concurrent values with their vectors in words', { timeout: 180_000 }, async () => {
    const base = await freeBasePort(3);
    const args = ['run', '--scenario', 'concurrent', '--web', '--web-port', '0'];
    const { child, url } = await startLive([...args, '--base-port', String(base)]);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: LAPTOP, colorScheme: 'light' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      const list = page.getByRole('list', { name: 'Siblings of user:carol' });
      await list.waitFor({ timeout: STORY_TIMEOUT_MS });
      const text = await list.innerText();
      assert.match(text, /user:carol on node-\d+, node-\d+, node-\d+: 2 siblings/, text);
      for (const value of ['carol_from_client_A', 'carol_from_client_B']) {
        const item = list
          .getByRole('list')
          .getByRole('listitem')
          .filter({ hasText: `"${value}": written on` });
        assert.equal(await item.count(), 1, `${value} once: ${text}`);
        const words = await item.innerText();
        assert.match(words, /written on node-\d+ after seeing node-\d+'s first write/, words);
        assert.match(words, /\(its (first|second) write of the key\)/, words);
      }
      // The set drawn: one image named for the key, a box for each sibling and the write both saw.
      const drawing = list.getByRole('img', { name: /^Which write saw which: user:carol on / });
      assert.equal(await drawing.count(), 1);
      const boxes = await drawing.locator('g.write').allTextContents();
      assert.equal(boxes.length, 3, boxes.join(' | '));
      assert.equal(boxes.filter((b) => /seen, superseded/.test(b)).length, 1, boxes.join(' | '));
      for (const value of ['carol_from_client_A', 'carol_from_client_B'])
        assert.equal(boxes.filter((b) => b.includes(value)).length, 1, boxes.join(' | '));
      assert.equal(await drawing.locator('g.saw').count(), 2, 'one arrow into each sibling');

      // The story's picture: a drawing and, as its text alternative, a table of the same writes.
      const table = page.getByRole('region', { name: /which write saw which$/ }).getByRole('table');
      await table.waitFor({ timeout: STORY_TIMEOUT_MS });
      const rows = await table.getByRole('row').allInnerTexts();
      assert.equal(rows.length, 5, rows.join('\n'));
      assert.match(rows[2]!, /^A on node-\d+\s+"carol_from_client_A"\s+first write on node-\d+$/);
      assert.match(rows[4]!, /^C on node-\d+\s+"carol_A_and_B_merged"\s+A on node-\d+ and B on/);
      const story = page.getByRole('img', { name: /^Which write saw which: a drawing/ });
      assert.equal(await story.locator('g.saw').count(), 4, 'base to A and B, A and B to C');
      await fits(story);

      // The story redraws its parts while it plays: audit and scroll once it has ended (its verdict
      // shows), or the list may be replaced under the scroll ("not attached to the DOM").
      await page.locator('div.verdict').waitFor({ timeout: STORY_TIMEOUT_MS });
      await list.scrollIntoViewIfNeeded();
      assert.deepEqual(await auditEverywhere(page, 'siblings-page'), []);
      await list.screenshot({ path: path.join(ARTIFACTS, 'siblings-list.png') });
      await story.screenshot({ path: path.join(ARTIFACTS, 'causality-story.png') });
      await page.setViewportSize(PHONE);
      await story.scrollIntoViewIfNeeded();
      await fits(story);
      await page.screenshot({ path: path.join(ARTIFACTS, 'causality-phone.png') });
      assert.deepEqual(errors, []);
    } finally {
      await closeAndInterrupt(browser, child);
    }
    await portsReleased(portRange(base));
  });
});
