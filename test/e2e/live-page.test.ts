// The live page in a real browser: Debian's Chromium driven by playwright-core (which downloads
// no browser of its own). A presenter's walk through `run --web --step`: the page shows three
// differing roots, Next plays each part, and it ends on three equal roots and the verdict.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { startLive } from '../helpers/web.js';
import { axeViolations, describeViolations, type AxeViolation } from '../helpers/axe.js';
import {
  browserSkip,
  LAPTOP,
  overflow,
  PHONE,
  ARTIFACTS,
  STEP_TIMEOUT_MS,
  launchChromium,
} from '../helpers/chromium.js';
import { keyContentProblems, smallestGridCell, treeTextProblems } from '../helpers/layout.js';

/**
 * The first part also waits for the nodes to start and load their 500 background keys: 27 s of
 * a passing walk at load ~16, and one walk failed its 30 s there, so it gets the CLI's start-up
 * deadline (liveUrl's).
 */
const FIRST_PART_TIMEOUT_MS = 60_000;
/**
 * The whole walk: a dozen parts, each audited by axe and measured, then the report. It takes
 * ~50 s on an idle machine and was seen at 150–180 s with the load average at 15–30 on 2 cores,
 * where the old 180 s limit failed a walk that was still moving. Hangs are caught per step.
 */
const WALK_TIMEOUT_MS = 360_000;
/** The grid's cells were 8 px at 1280×720, too small for a projector's back row. */
const MIN_CELL_PX = 10;

/** Runs axe and keeps what it found, labelled with where (part, colour scheme, width). */
async function audit(page: Page, where: string, found: string[]): Promise<void> {
  const violations: AxeViolation[] = await axeViolations(page);
  if (violations.length > 0) found.push(`${where}:\n${describeViolations(violations)}`);
}

/** The page's timestamps that the browser broke over more than one line. */
const brokenTimes = () => {
  const d = (globalThis as unknown as { document: any }).document;
  return Array.from(d.querySelectorAll('time') as ArrayLike<any>)
    .filter((t) => t.getClientRects().length > 1)
    .map((t) => t.textContent as string);
};

const skip = browserSkip();

// Functions that run in the page. This file is compiled for Node without DOM types, so the
// page's globals are described here; the casts vanish in the compiled code.
interface PageGlobals {
  document: {
    body: { dataset: Record<string, string | undefined> };
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  };
  getComputedStyle(element: unknown): { backgroundColor: string };
}
const offersNextOrVerdict = () => {
  const { document } = globalThis as unknown as PageGlobals;
  return (
    Boolean(document.body.dataset.verdict) ||
    document.querySelector('#next')?.getAttribute('aria-disabled') === 'false'
  );
};
const seqOf = () => (globalThis as unknown as PageGlobals).document.body.dataset.seq ?? '';
const verdictOf = () => (globalThis as unknown as PageGlobals).document.body.dataset.verdict ?? '';
const seqChanged = (before: string) =>
  (globalThis as unknown as PageGlobals).document.body.dataset.seq !== before;
const oneRootOnThreeCards = () => {
  const roots = Array.from(
    (globalThis as unknown as PageGlobals).document.querySelectorAll('.card code.root'),
    (e) => e.getAttribute('data-root'),
  );
  return roots.length === 3 && new Set(roots).size === 1;
};
const background = () => {
  const g = globalThis as unknown as PageGlobals;
  return g.getComputedStyle(g.document.body).backgroundColor;
};

async function cardRoots(page: Page): Promise<string[]> {
  return page
    .locator('.card code.root')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-root') ?? ''));
}

describe('the live page in Chromium', { skip }, () => {
  it(
    'walks a room through divergence, detection and repair with the Next button',
    { timeout: WALK_TIMEOUT_MS },
    async () => {
      const reportDir = await mkdtemp(path.join(os.tmpdir(), 'ae-e2e-'));
      const report = path.join(reportDir, 'run.html');
      const base = await freeBasePort(3);
      const { child, url, output } = await startLive([
        'run',
        '--web',
        '--step',
        '--web-port',
        '0',
        '--base-port',
        String(base),
        '--keys',
        '500',
        '--report',
        report,
      ]);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const page = await browser.newPage({
          viewport: LAPTOP,
          colorScheme: 'light',
        });
        const elsewhere: string[] = [];
        const errors: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith(url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
        });
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(url);

        let sawDivergence = false;
        const projector: string[] = [];
        const inaccessible: string[] = [];
        for (let part = 0; part < 20; part++) {
          // Wait until the page offers Next or shows the verdict.
          await page.waitForFunction(offersNextOrVerdict, undefined, {
            timeout: part === 0 ? FIRST_PART_TIMEOUT_MS : STEP_TIMEOUT_MS,
          });
          await audit(page, `part ${part}, light`, inaccessible);
          // A projector at 1280×720: the part's key content shows without scrolling, and the
          // tree path's text is as large as the body text.
          projector.push(...(await page.evaluate(keyContentProblems)));
          projector.push(...(await page.evaluate(treeTextProblems)));
          if (part === 3) {
            // Mid-run on a phone held upright: Next on screen, nothing overflows sideways.
            await page.setViewportSize(PHONE);
            assert.ok(
              (await page.evaluate(overflow)) <= 0,
              `the page overflows at ${PHONE.width} px`,
            );
            assert.ok(await page.locator('#next').isVisible(), 'Next is visible on a phone');
            await page.screenshot({ path: path.join(ARTIFACTS, 'live-page-phone.png') });
            await audit(page, 'part 3 on a phone', inaccessible);
            await page.setViewportSize(LAPTOP);
          }
          const roots = await cardRoots(page);
          if (!sawDivergence && roots.length === 3 && new Set(roots).size === 3) {
            sawDivergence = true;
            assert.equal(
              (await page.locator('.card .grid .cell.differs').count()) >= 3,
              true,
              'the grids colour the differing cells',
            );
            await page.screenshot({ path: path.join(ARTIFACTS, 'live-page-divergent.png') });
          }
          if (await page.evaluate(verdictOf)) break;
          const seq = await page.evaluate(seqOf);
          await page.locator('#next').click();
          await page.waitForFunction(seqChanged, seq, { timeout: STEP_TIMEOUT_MS });
        }
        assert.ok(sawDivergence, 'the cards showed three different roots');
        assert.deepEqual(projector, [], 'at 1280×720 every part shows its key content');
        const cell = await page.evaluate(smallestGridCell);
        assert.ok(cell >= MIN_CELL_PX, `grid cells are ${cell} px, under ${MIN_CELL_PX} px`);
        await page.waitForSelector('body[data-verdict="converged"]', {
          timeout: STEP_TIMEOUT_MS,
        });
        await page.waitForFunction(oneRootOnThreeCards, undefined, { timeout: STEP_TIMEOUT_MS });
        assert.match(
          await page.locator('.verdict.good').innerText(),
          /Converged: 3 nodes, 502 keys/,
        );
        assert.equal(
          await page.locator('.card .grid .cell.differs').count(),
          0,
          'no cell differs after repair',
        );
        assert.match(await page.locator('table.exchange').innerText(), /repaired/);
        await page.screenshot({ path: path.join(ARTIFACTS, 'live-page-converged.png') });

        const light = await page.evaluate(background);
        await page.emulateMedia({ colorScheme: 'dark' });
        const dark = await page.evaluate(background);
        assert.notEqual(light, dark, 'the page follows prefers-color-scheme');
        await page.screenshot({ path: path.join(ARTIFACTS, 'live-page-dark.png') });
        await audit(page, 'the end, dark', inaccessible);

        // A phone held upright, after the run (the page keeps what it saw): no sideways scroll.
        await page.setViewportSize(PHONE);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          assert.ok(
            (await page.evaluate(overflow)) <= 0,
            `the page overflows at ${PHONE.width} px`,
          );
          await audit(page, `phone at the end, ${colorScheme}`, inaccessible);
        }
        assert.deepEqual(inaccessible, [], 'axe: no serious or critical violation on the page');

        assert.deepEqual(elsewhere, [], 'the page fetched nothing from anywhere but ae-demo');
        assert.deepEqual(errors, []);
        assert.equal((await child).exitCode, 0, output());
        await portsReleased(portRange(base));

        // The report opens from disk with nothing else: no request beyond the file itself.
        const reportPage = await browser.newPage({ viewport: LAPTOP });
        const requests: string[] = [];
        reportPage.on('request', (r) => requests.push(r.url()));
        await reportPage.goto(`file://${report}`);
        assert.deepEqual(requests, [`file://${report}`]);
        assert.match(await reportPage.locator('.verdict').innerText(), /Converged/);
        assert.ok((await reportPage.locator('svg.tree').count()) >= 1);
        assert.deepEqual(
          await reportPage.evaluate(treeTextProblems),
          [],
          'the report draws the tree path at body size',
        );
        await reportPage.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
        const reportFound: string[] = [];
        await audit(reportPage, 'the report', reportFound);
        await reportPage.setViewportSize(PHONE);
        assert.ok(
          (await reportPage.evaluate(overflow)) <= 0,
          `the report overflows at ${PHONE.width} px`,
        );
        assert.equal(await reportPage.locator('time').count(), 2, 'started and written');
        assert.deepEqual(
          await reportPage.evaluate(brokenTimes),
          [],
          `the report's timestamps stay whole at ${PHONE.width} px`,
        );
        await reportPage.screenshot({
          path: path.join(ARTIFACTS, 'report-phone.png'),
          fullPage: true,
        });
        assert.deepEqual(reportFound, [], 'axe: no serious or critical violation in the report');
      } finally {
        await browser?.close();
        child.kill('SIGKILL');
        await rm(reportDir, { recursive: true, force: true });
      }
    },
  );
});
