// The report of `ae-demo simulate --report` in Chromium: at 1280×720 and 390×844, light and dark,
// it fetches nothing, axe finds nothing serious, nothing overflows sideways, every plot that
// shows draws its text at body size or larger, and each plot has its data table beside it.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, describeViolations } from '../helpers/axe.js';
import {
  browserSkip,
  LAPTOP,
  overflow,
  PHONE,
  ARTIFACTS,
  launchChromium,
} from '../helpers/chromium.js';
import { cli } from '../helpers/cli.js';
import { externalReferences } from '../helpers/web.js';

/** The page's body text size (style.ts: html { font-size: 17px }). */
const BODY_PX = 17;

interface PlotGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<PlotElement>;
  };
  getComputedStyle(element: unknown): { fontSize: string; display: string };
}
interface PlotElement {
  viewBox: { baseVal: { width: number } };
  getBoundingClientRect(): { width: number };
  querySelectorAll(selector: string): ArrayLike<unknown>;
}
/** Runs in the page: for each plot on show, the smallest rendered text size in px. */
const smallestText = () => {
  const g = globalThis as unknown as PlotGlobals;
  return Array.from(g.document.querySelectorAll('svg.plot'))
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .map((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = Array.from(svg.querySelectorAll('text'), (t) =>
        parseFloat(g.getComputedStyle(t).fontSize),
      );
      return Math.min(...sizes) * scale;
    });
};

/** Reports to check: several runs (all three plots) and one run (two plots, long tables). */
const REPORTS = [
  {
    name: 'several',
    args: ['--nodes', '8,16,32', '--selection', 'random,ring', '--keys', '50', '--writes', '5'],
    plots: 3,
  },
  { name: 'one', args: ['--nodes', '24', '--keys', '50', '--writes', '5'], plots: 2 },
];

describe('the simulate report in Chromium', { skip: browserSkip() }, () => {
  it(
    'is self-contained, accessible and readable on a laptop and a phone, light and dark',
    { timeout: 180_000 },
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-sim-e2e-'));
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const found: string[] = [];
        for (const r of REPORTS) {
          const report = path.join(dir, `${r.name}.html`);
          const run = await cli(['simulate', ...r.args, '--report', report]);
          assert.equal(run.exitCode, 0, run.stderr);
          assert.deepEqual(externalReferences(await readFile(report, 'utf8')), []);
          const page = await browser.newPage({ viewport: LAPTOP, colorScheme: 'light' });
          const requests: string[] = [];
          page.on('request', (q) => requests.push(q.url()));
          await page.goto(`file://${report}`);
          assert.deepEqual(requests, [`file://${report}`], 'the report fetches nothing');
          assert.equal(await page.locator('section.plot-block').count(), r.plots);
          assert.equal(await page.locator('section.plot-block table.plot-data').count(), r.plots);
          // Folded tables are opened, so that axe and the overflow check see them too.
          await page.locator('details').evaluateAll((all) => {
            for (const d of all) (d as unknown as { open: boolean }).open = true;
          });
          for (const [name, viewport] of [
            ['laptop', LAPTOP],
            ['phone', PHONE],
          ] as const) {
            await page.setViewportSize(viewport);
            for (const colorScheme of ['light', 'dark'] as const) {
              await page.emulateMedia({ colorScheme });
              const where = `${r.name} run(s), ${name}, ${colorScheme}`;
              assert.ok((await page.evaluate(overflow)) <= 0, `${where}: overflows sideways`);
              const sizes = await page.evaluate(smallestText);
              assert.equal(sizes.length, r.plots, `${where}: one drawing of each plot shows`);
              for (const px of sizes)
                assert.ok(px >= BODY_PX - 0.5, `${where}: plot text at ${px.toFixed(1)} px`);
              const violations = await axeViolations(page);
              if (violations.length > 0) found.push(`${where}:\n${describeViolations(violations)}`);
              await page.screenshot({
                path: path.join(ARTIFACTS, `sim-report-${r.name}-${name}-${colorScheme}.png`),
                fullPage: true,
              });
            }
          }
          await page.close();
        }
        assert.deepEqual(found, [], found.join('\n'));
      } finally {
        await browser?.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
