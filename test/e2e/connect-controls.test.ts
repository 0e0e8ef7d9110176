// The live page on nodes that run elsewhere (cluster --web --connect), in Chromium, by accessible
// names: Cut off and Heal work through the nodes' fault route; with no restart command there is
// no Kill, and the page says why in text every reader reaches.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { handNodes } from '../helpers/hand-nodes.js';
import { request } from '../helpers/http.js';
import { startLive } from '../helpers/web.js';
import { openLivePage, pressControl as press } from '../helpers/page-controls.js';
import { axeViolations, describeViolations } from '../helpers/axe.js';
import {
  browserSkip,
  closeAndInterrupt,
  STEP_TIMEOUT_MS,
  launchChromium,
} from '../helpers/chromium.js';

const skip = browserSkip();

describe('the live page on nodes that run elsewhere, in Chromium', { skip }, () => {
  it('cut off and heal from the page; no Kill, and a sentence saying why', async () => {
    const nodes = await handNodes(3);
    const third = nodes.addresses[2]!;
    const live = await startLive(['cluster', '--web', '--connect', nodes.addresses.join(',')]);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const { page, errors } = await openLivePage(browser, live.url);
      await page
        .getByRole('button', { name: 'Cut off hand-3', exact: true })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.getByText(/a cluster that runs elsewhere/).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await page.getByRole('button', { name: /^Kill / }).count(), 0);
      await page
        .getByText(/Kill and Restart are not offered: these nodes run elsewhere/)
        .waitFor({ timeout: STEP_TIMEOUT_MS });

      await press(page, 'Cut off hand-3', /hand-3 is cut off from hand-1, hand-2/);
      assert.equal((await request(third, 'GET', '/admin/faults')).json.cut.length, 2);
      await page
        .getByRole('button', { name: 'Heal hand-3', exact: true })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe:\n${describeViolations(violations)}`);
      await press(page, 'Heal hand-3', /hand-3 is healed/);
      assert.deepEqual((await request(third, 'GET', '/admin/faults')).json.cut, []);
      assert.deepEqual(errors, []);
    } finally {
      try {
        await closeAndInterrupt(browser, live.child);
      } finally {
        await nodes.stop();
      }
    }
  });
});
