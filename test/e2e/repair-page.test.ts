// The three repair paths on the live page, in Chromium, by accessible names: the Hinted handoff
// switch turns hints off and on across the cluster (and a restarted node takes the cluster's
// setting); a write that misses a cut-off node is kept as a hint, counted on the writer's card,
// and replayed once the node is healed, its entry tagged "repaired by hint"; Read from all
// repairs a stale key and the repaired node's card counts it. The same through --connect.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { handNodes } from '../helpers/hand-nodes.js';
import { htmlProblems } from '../helpers/html-validate.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { startLive } from '../helpers/web.js';
import { openLivePage, pressControl as press } from '../helpers/page-controls.js';
import {
  ARTIFACTS,
  browserSkip,
  closeAndInterrupt,
  STEP_TIMEOUT_MS,
  launchChromium,
} from '../helpers/chromium.js';

const skip = browserSkip();

/** Turns the switch to `on` and waits until the nodes, read back, say so. */
async function switchHints(page: Page, on: boolean, addresses: readonly string[]): Promise<void> {
  const hints = page.getByRole('switch', { name: 'Hinted handoff' });
  await hints.click();
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`hinted handoff ${on ? 'on' : 'off'}\\.$`) })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  const want = on ? 'true' : 'false';
  await until(
    `the switch ${want}`,
    async () => (await hints.getAttribute('aria-checked')) === want,
    STEP_TIMEOUT_MS,
  );
  for (const address of addresses)
    assert.equal((await request(address, 'GET', '/admin/hints')).json.enabled, on, address);
}

/** A card's hint and repair counters, as its text reads. */
async function counters(page: Page, node: string, said: RegExp, what: string): Promise<void> {
  const line = page.locator(`.card[data-node="${node}"] .repairs`);
  await until(what, async () => said.test((await line.textContent()) ?? ''), STEP_TIMEOUT_MS);
}

/** Fills the write form's key, value and node (and the Direct box). */
async function form(page: Page, key: string, value: string, node: string, direct = false) {
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Value', { exact: true }).fill(value);
  await page.getByLabel('Node', { exact: true }).selectOption(node);
  await page.getByLabel('Direct (no replication)').setChecked(direct);
}

describe('the three repair paths on the live page, in Chromium', { skip }, () => {
  it(
    'hints off and on, a hint replayed after a heal, a read from all repairing a stale key',
    { timeout: 240_000 },
    async () => {
      const base = await freeBasePort(3);
      const ports = portRange(base);
      const [n1, n2, n3] = ports.map((p) => `node-${p}`) as [string, string, string];
      const addresses = ports.map((p) => `127.0.0.1:${p}`);
      const third = addresses[2]!;
      const { child, url } = await startLive(['cluster', '--web', '--base-port', String(base)]);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const { page, errors } = await openLivePage(browser, url);
        const hints = page.getByRole('switch', { name: 'Hinted handoff' });
        await hints.waitFor({ timeout: STEP_TIMEOUT_MS });
        // No periodic rounds: only the path under test repairs.
        await page.getByLabel('Anti-entropy interval (ms)').fill('0');
        await press(page, 'Set interval', /periodic rounds off/);

        await until(
          'the switch on',
          async () => (await hints.getAttribute('aria-checked')) === 'true',
          STEP_TIMEOUT_MS,
        );
        await switchHints(page, false, addresses);
        await page
          .getByText(/^Off: a write a peer missed waits/)
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        // A node restarted from the page starts with its flags (on), and is given the cluster's.
        await press(page, `Kill ${n3}`, new RegExp(`${n3} was killed`));
        await press(page, `Restart ${n3}`, new RegExp(`${n3} restarted`));
        assert.equal((await request(third, 'GET', '/admin/hints')).json.enabled, false);
        await switchHints(page, true, addresses);

        // Node 3 cut off: a write on node 1 misses it and is kept as a hint for it.
        await press(page, `Cut off ${n3}`, new RegExp(`${n3} is cut off from`));
        await form(page, 'demo:h', 'kept', n1);
        await press(page, 'Write', /Wrote demo:h on .*failed on 1 \(kept as a hint\)/);
        await counters(page, n1, /hints pending 1\b/, `${n1} to hold one hint`);
        await page
          .locator('#story')
          .getByText(new RegExp(`failed on ${n3}: .*, kept as a hint`))
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await counters(page, n3, /repaired by hint 0\b/, `${n3} repaired by nothing yet`);
        // Healed, node 3 answers again: the hint is replayed, with no anti-entropy round.
        await press(page, `Heal ${n3}`, new RegExp(`${n3} is healed`));
        await counters(page, n3, /repaired by hint 1\b/, `${n3} repaired by a hint`);
        await counters(page, n1, /hints pending 0\b/, `${n1} to have replayed its hint`);
        const watched = page.getByRole('region', { name: /keys this page wrote or read/ });
        await watched
          .getByText(`repaired by hint on ${n3}`, { exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        const replayed = (await request(third, 'GET', '/kv/demo:h')).json;
        assert.deepEqual([replayed.value, replayed.via], ['kept', 'hint']);

        // A key only node 2 holds: read from all through node 1 repairs node 1 and node 3.
        await form(page, 'demo:r', 'stale elsewhere', n2, true);
        await press(page, 'Write', new RegExp(`Wrote demo:r on ${n2} only`));
        await form(page, 'demo:r', '', n1);
        const repaired = new RegExp(
          `"stale elsewhere" .*Repaired (${n1}, ${n3}|${n3}, ${n1}) before`,
        );
        await press(page, 'Read from all', repaired);
        await counters(page, n3, /read repair 1\b/, `${n3} repaired by a read`);
        await watched
          .getByText(`repaired by read repair on ${n1}, ${n3}`, { exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.equal((await request(third, 'GET', '/kv/demo:r')).json.via, 'read-repair');
        // Nothing left to repair: a second read says so.
        await press(page, 'Read from all', /Every replica that answered already held it\./);

        assert.deepEqual(await htmlProblems(await page.content(), 'live-repair-paths'), []);
        // (After the markup check: a screenshot leaves inline styles behind.) For a person to look at: the tagged keys under the forms, and the story's sentences.
        await watched.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(ARTIFACTS, 'live-repair-paths-keys.png') });
        // The audit's screenshots show the cards, their counters and the switch.
        await page.locator('.stage').evaluate((stage) => stage.scrollTo(0, 0));
        assert.deepEqual(await auditEverywhere(page, 'live-repair-paths'), []);
        assert.deepEqual(errors, []);
      } finally {
        await closeAndInterrupt(browser, child);
      }
      await portsReleased(ports);
    },
  );

  it('on nodes that run elsewhere: the switch and Read from all work through HTTP', async () => {
    const nodes = await handNodes(3);
    const [, second, third] = nodes.addresses as [string, string, string];
    const live = await startLive(['cluster', '--web', '--connect', nodes.addresses.join(',')]);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const { page, errors } = await openLivePage(browser, live.url);
      const hints = page.getByRole('switch', { name: 'Hinted handoff' });
      await hints.waitFor({ timeout: STEP_TIMEOUT_MS });
      // These nodes were started with hints off: the switch shows what they say.
      await until(
        'the switch off',
        async () => (await hints.getAttribute('aria-checked')) === 'false',
        STEP_TIMEOUT_MS,
      );
      await switchHints(page, true, nodes.addresses);
      await switchHints(page, false, nodes.addresses);

      const put = await request(second, 'PUT', '/kv/demo:e/direct', '{"value":"only here"}', {
        'content-type': 'application/json',
      });
      assert.equal(put.status, 200, put.text);
      await form(page, 'demo:e', '', 'hand-1');
      await press(
        page,
        'Read from all',
        /"only here" .*Repaired (hand-1, hand-3|hand-3, hand-1) before/,
      );
      await counters(page, 'hand-3', /read repair 1\b/, 'hand-3 repaired by a read');
      assert.equal((await request(third, 'GET', '/kv/demo:e')).json.value, 'only here');
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
