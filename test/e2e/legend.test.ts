// The page explains itself to someone who has never heard of a Merkle tree: a key to every kind
// of grid cell (drawn exactly as the grid draws it), and "How to read this", which says root,
// digest, level and branch in plain words; on the live page and in the report, in Chromium.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { apply, initialState, type WebEvent } from '../../src/web/model.js';
import { reportHtml } from '../../src/web/view/report.js';
import { CSS } from '../../src/web/view/style.js';
import { auditEverywhere } from '../helpers/audit.js';
import { browserSkip, LAPTOP, launchChromium } from '../helpers/chromium.js';
import { scriptedPage } from '../helpers/scripted-page.js';
import { sample, scriptedRun } from '../helpers/web.js';

const TERMS = ['Root', 'Digest', 'Level', 'Branch'];
/** Words a newcomer does not know yet: the definitions must do without them. */
const JARGON = /merkle|hash|xor|digest of|subtree|node of the tree/i;

const skip = browserSkip();

/** The seed story up to the direct writes, with node1 and node2 agreeing and node3 not. */
function divergent(): WebEvent[] {
  const events = scriptedRun();
  const at = events.findIndex((e) => e.type === 'section' && e.title === 'Before anti-entropy');
  const look: WebEvent = {
    type: 'nodes',
    nodes: [sample('node1', 'r1', 'c1'), sample('node2', 'r1', 'c1'), sample('node3', 'r0', null)],
    at: '2026-11-27T12:00:01.000Z',
  };
  return [...events.slice(0, at), look];
}

/** Each distinct look of the grids' cells, and whether the legend has a swatch that looks alike. */
const cellKinds = () => {
  const g = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any };
  const look = (e: unknown) => {
    const s = g.getComputedStyle(e);
    return `${s.fill} at ${s.opacity}`;
  };
  const swatches = new Set(
    Array.from(g.document.querySelectorAll('.legend svg rect') as ArrayLike<unknown>, look),
  );
  const kinds = new Map<string, string>();
  for (const cell of Array.from(
    g.document.querySelectorAll('.card svg.grid rect') as ArrayLike<any>,
  ))
    kinds.set(String(cell.className.baseVal), look(cell));
  return [...kinds].map(([kind, seen]) => ({ kind, seen, inLegend: swatches.has(seen) }));
};

/** Opens "How to read this" and checks each term is defined in plain words; the problems found. */
async function explained(page: Page): Promise<string[]> {
  const summary = page.getByText('How to read this', { exact: true });
  const details = page.locator('details', { has: summary });
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await summary.click();
  const problems: string[] = [];
  for (const term of TERMS) {
    const dt = details.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) });
    if ((await dt.count()) !== 1) {
      problems.push(`${term} is not defined`);
      continue;
    }
    const said = await dt.evaluate(
      (e) =>
        (e as unknown as { nextElementSibling: { textContent: string } }).nextElementSibling
          .textContent,
    );
    if (JARGON.test(said)) problems.push(`${term} is defined with jargon: ${said}`);
  }
  if (!(await details.innerText()).includes('Merkle tree'))
    problems.push('it never names what the reader has just understood (a Merkle tree)');
  return problems;
}

describe('how to read the grids, in Chromium', { skip }, () => {
  it('the live page: a swatch for every kind of cell, and the four words in plain words', async () => {
    const live = await scriptedPage(divergent());
    try {
      const kinds = await live.page.evaluate(cellKinds);
      const names = kinds.map((k) => k.kind).join(', ');
      for (const kind of ['equal', 'empty', 'majority', 'differs v1'])
        assert.ok(
          kinds.some((k) => k.kind.endsWith(kind)),
          `the grids show ${kind} (${names})`,
        );
      assert.deepEqual(
        kinds.filter((k) => !k.inLegend),
        [],
        'every kind of cell has its swatch in the legend',
      );
      assert.deepEqual(await explained(live.page), []);
      assert.deepEqual(await auditEverywhere(live.page, 'how-to-read-live'), []);
    } finally {
      await live.close();
    }
  });

  it('the report explains its grids the same way, unfolded', async () => {
    const state = initialState();
    for (const event of scriptedRun()) apply(state, event);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-legend-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, reportHtml(state, CSS, '2026-11-27T12:00:02.000Z'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: LAPTOP });
      await page.goto(`file://${file}`);
      assert.ok(
        await page
          .getByRole('term')
          .filter({ hasText: /^Root$/ })
          .isVisible(),
        'unfolded',
      );
      assert.deepEqual(await explained(page), []);
      assert.deepEqual(await auditEverywhere(page, 'how-to-read-report'), []);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
