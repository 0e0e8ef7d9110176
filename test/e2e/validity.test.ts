// The reports and the live page are valid HTML (html-validate, configured by .htmlvalidate.json)
// and pass every axe rule in Chromium at 1280×720 and 390×844, light and dark. In particular each
// scrolling table region has a name of its own: a screen reader lists regions by name, and ten
// regions all called "Table" cannot be told apart.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import { browserAndTempDir, browserSkip, LAPTOP } from '../helpers/chromium.js';
import { cli } from '../helpers/cli.js';
import { htmlProblems } from '../helpers/html-validate.js';
import { freeBasePort } from '../helpers/ports.js';
import { scriptedPage } from '../helpers/scripted-page.js';
import { scriptedRun } from '../helpers/web.js';
import type { WebEvent } from '../../src/web/model.js';

/** A run with its nodes, background keys and a report: a few seconds, a minute under load. */
const RUN_TIMEOUT_MS = 120_000;

const skip = browserSkip();

/** Every region's accessible name, in page order. */
async function regionNames(page: Page): Promise<string[]> {
  return page
    .getByRole('region')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

describe('valid, accessible HTML in Chromium', { skip }, () => {
  const suite = browserAndTempDir('ae-valid-');

  for (const scenario of ['seed', 'strategies']) {
    it(`the run report of ${scenario}`, { timeout: RUN_TIMEOUT_MS }, async () => {
      const file = path.join(suite.dir, `${scenario}.html`);
      const base = await freeBasePort(3);
      const run = await cli(
        [
          'run',
          '--scenario',
          scenario,
          '--keys',
          '100',
          '--base-port',
          String(base),
          '--report',
          file,
        ],
        { timeoutMs: RUN_TIMEOUT_MS },
      );
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(await htmlProblems(await readFile(file, 'utf8'), 'run-report'), []);
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(`file://${file}`);
      const names = await regionNames(page);
      assert.ok(names.length >= 2, `the report's tables scroll in regions: ${names.join(' | ')}`);
      assert.equal(new Set(names).size, names.length, `region names repeat: ${names.join(' | ')}`);
      assert.deepEqual(await auditEverywhere(page, `run-report-${scenario}`), []);
      await page.close();
    });
  }

  it('the simulate report', { timeout: RUN_TIMEOUT_MS }, async () => {
    const file = path.join(suite.dir, 'simulate.html');
    const args = ['--nodes', '8,16', '--selection', 'random,ring', '--keys', '50', '--writes', '5'];
    const sim = await cli(['simulate', ...args, '--report', file], { timeoutMs: RUN_TIMEOUT_MS });
    assert.equal(sim.exitCode, 0, sim.stderr);
    assert.deepEqual(await htmlProblems(await readFile(file, 'utf8'), 'simulate-report'), []);
  });

  /** The run over, and the run kept with the page's controls (run --keep, cluster --web). */
  const played = scriptedRun().filter((e) => e.type !== 'end');
  const pages: [string, WebEvent[]][] = [
    ['ended', scriptedRun()],
    [
      'with controls',
      [...played, { type: 'end', kept: true }, { type: 'controls', shown: true, killed: [] }],
    ],
  ];
  for (const [name, events] of pages) {
    it(`the live page, ${name}: one name per table region, axe clean, valid markup`, async () => {
      const live = await scriptedPage(events);
      try {
        const { page } = live;
        const names = await regionNames(page);
        assert.ok(names.length >= 3, `regions: ${names.join(' | ')}`);
        assert.equal(
          new Set(names).size,
          names.length,
          `region names repeat: ${names.join(' | ')}`,
        );
        // The markup as drawn (axe, run next, leaves style attributes of its own behind).
        assert.deepEqual(await htmlProblems(await page.content(), 'live-page'), []);
        assert.deepEqual(await auditEverywhere(page, `live-${name.replace(' ', '-')}`), []);
      } finally {
        await live.close();
      }
    });
  }
});
