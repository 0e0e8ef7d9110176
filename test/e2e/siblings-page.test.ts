// Siblings on the live page in a real browser: `run --scenario concurrent --web` keeps both
// concurrent writes of user:carol once the nodes run with --conflicts siblings, and the page lists
// the set by its accessible name, with both values and each one's vector in words; axe clean at
// 1280×720 and 390×844, light and dark. Every node and the page are gone when the test ends.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import {
  ARTIFACTS,
  browserSkip,
  closeAndInterrupt,
  LAPTOP,
  launchChromium,
} from '../helpers/chromium.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { startLive } from '../helpers/web.js';

const skip = browserSkip();
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
      await list.scrollIntoViewIfNeeded();
      assert.deepEqual(await auditEverywhere(page, 'siblings-page'), []);
      await list.screenshot({ path: path.join(ARTIFACTS, 'siblings-list.png') });
      assert.deepEqual(errors, []);
    } finally {
      await closeAndInterrupt(browser, child);
    }
    await portsReleased(portRange(base));
  });
});
