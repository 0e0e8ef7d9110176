// The page's Time slider, on a real run played back (replay --web of run --record): moved back
// by keyboard, the cards show the cluster before anti-entropy (the third node still lacks
// user:alice) and the diagram draws none of the exchange yet; at its right end ("live") they show
// the present again. Named by accessible names; axe clean at both sizes, light and dark.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { auditEverywhere } from '../helpers/audit.js';
import { browserAndTempDir, browserSkip, LAPTOP, STEP_TIMEOUT_MS } from '../helpers/chromium.js';
import { cli, portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { backUntil, keysOn, pressTime } from '../helpers/time.js';
import { withLiveRun } from '../helpers/web.js';

const skip = browserSkip();
/** Background keys of the recorded run; then user:bob reaches every node, user:alice two of them. */
const KEYS = 50;
/** The third node before anti-entropy (no user:alice), and after it. */
const BEFORE = String(KEYS + 1);
const AFTER = String(KEYS + 2);

describe('the Time slider', { skip }, () => {
  const suite = browserAndTempDir('ae-demo-time-');
  let file: string;
  let third: string;
  before(async () => {
    file = path.join(suite.dir, 'seed.jsonl');
    const base = await freeBasePort(3);
    third = `node-${base + 2}`;
    const args = ['run', '--base-port', String(base), '--keys', String(KEYS), '--record', file];
    const r = await cli(args);
    assert.equal(r.exitCode, 0, r.stderr);
    await portsReleased(portRange(base));
  });

  it('moves the cards and the diagram back through the run, and live again', async () => {
    await withLiveRun(['replay', file, '--web'], async ({ url }) => {
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      const slider = page.getByRole('slider', { name: 'Time' });
      await page.getByText('The run has ended').waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await slider.getAttribute('aria-valuetext'), 'live');
      assert.equal(await keysOn(page, third), AFTER, 'repaired at the end');
      const diagram = page.getByRole('group', { name: /^Sequence diagram of/ });
      assert.match((await diagram.getAttribute('aria-label')) ?? '', /of [1-9]/);

      // Back, one moment at a time by keyboard, to before anti-entropy: the third node lacks
      // user:alice, and the diagram's table lists no exchange yet.
      const table = page.getByRole('table', { name: 'Messages between nodes' });
      const exchanges = () => table.getByRole('cell', { name: 'exchange:root' }).count();
      assert.ok((await exchanges()) > 0, 'the run exchanged');
      const steps = Number(await slider.getAttribute('max'));
      assert.ok(steps > 3, `the run has moments to go back to (${steps})`);
      const before = async () =>
        (await keysOn(page, third)) === BEFORE && (await exchanges()) === 0;
      await backUntil(page, before);
      assert.equal(await keysOn(page, third), BEFORE, 'a moment before the repair');
      assert.equal(await exchanges(), 0, 'no exchange drawn before it began');
      const said = (await slider.getAttribute('aria-valuetext')) ?? '';
      assert.match(said, /^\d+\.\d s into the run/, said);
      assert.match(await page.locator('#time-text').innerText(), /into the run/);
      assert.deepEqual(await auditEverywhere(page, 'time-slider-past'), []);

      // The right end is the present: live again.
      await pressTime(page, 'End');
      assert.equal(await slider.getAttribute('aria-valuetext'), 'live');
      assert.equal(await keysOn(page, third), AFTER);
      await table.getByRole('cell', { name: 'exchange:root' }).first().waitFor();
    });
  });
});
