// What a newcomer saw go wrong on the live page, in Chromium: counters under the grid, a status
// badge that wrapped on some cards and not others, a 1,024-character key that ran off a phone, a
// header that kept the old interval after Set interval, and Next losing the focus (and drawing a
// focus ring unlike the other controls').
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { auditEverywhere } from '../helpers/audit.js';
import {
  browserSkip,
  LAPTOP,
  overflow,
  PHONE,
  ARTIFACTS,
  STEP_TIMEOUT_MS,
  launchChromium,
  closeAndInterrupt,
} from '../helpers/chromium.js';
import { portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';
import { drawn, scriptedPage } from '../helpers/scripted-page.js';
import { scriptedRun, startLive } from '../helpers/web.js';
import type { WebEvent } from '../../src/web/model.js';

/** The longest key a node accepts (MAX_KEY_BYTES), in one-byte characters. */
const LONG_KEY = 'k'.repeat(1024);

const skip = browserSkip();

/**
 * The seed story with node2 holding 3 keys and 1 tombstone and node3 cut off in its last look,
 * optionally without its end (the run still on).
 */
function storyWithCounters(ended: boolean, key?: string): WebEvent[] {
  const events = scriptedRun(key);
  const last = events.findLast((e) => e.type === 'nodes');
  if (last?.type !== 'nodes') throw new Error('the scripted run has no look at its nodes');
  last.nodes[1] = { ...last.nodes[1]!, keys: 3, tombstones: 1 };
  last.nodes[2] = { ...last.nodes[2]!, status: 'cut-off', cut: ['node1', 'node2'] };
  return ended ? events : events.filter((e) => e.type !== 'end');
}

/** Per card: what of its counters runs under its grid, and how its header lies. */
const cardProblems = () => {
  const g = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any };
  const d = g.document;
  const problems: string[] = [];
  const heights = new Set<number>();
  for (const card of Array.from(d.querySelectorAll('.card') as ArrayLike<any>)) {
    const node = card.dataset.node;
    const grid = card.querySelector('svg.grid').getBoundingClientRect();
    for (const e of Array.from(card.querySelectorAll('.card-body > div *') as ArrayLike<any>)) {
      const r = e.getBoundingClientRect();
      const under =
        r.width > 0 && r.right > grid.left + 0.5 && r.bottom > grid.top && r.top < grid.bottom;
      if (under)
        problems.push(
          `${node}: "${e.textContent}" runs ${Math.round(r.right - grid.left)} px under the grid`,
        );
    }
    const name = card.querySelector('h3').getBoundingClientRect();
    const badge = card.querySelector('.pill');
    const b = badge.getBoundingClientRect();
    if (b.top >= name.bottom || b.bottom <= name.top)
      problems.push(`${node}: the "${badge.textContent}" badge is not on its name's line`);
    if (
      badge.getClientRects().length > 1 ||
      b.height > 1.6 * parseFloat(g.getComputedStyle(badge).lineHeight || '20')
    )
      problems.push(`${node}: the "${badge.textContent}" badge wraps inside`);
    heights.add(Math.round(card.querySelector('header').getBoundingClientRect().height));
  }
  if (heights.size > 1)
    problems.push(`the cards' headers differ in height: ${[...heights].join(', ')} px`);
  return problems;
};

/** The focused element's id and focus ring (style, width, colour, whether it shows). */
const focusRing = () => {
  const g = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any };
  const el = g.document.activeElement;
  if (!el || el === g.document.body) return null;
  const s = g.getComputedStyle(el);
  return {
    id: (el.id || el.getAttribute('aria-label') || el.tagName) as string,
    ring: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    visible: el.matches(':focus-visible') as boolean,
  };
};

async function tabStops(page: Page, n: number): Promise<{ id: string; ring: string }[]> {
  const stops: { id: string; ring: string }[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusRing);
    if (f && !stops.some((s) => s.id === f.id)) stops.push(f);
  }
  return stops;
}

/** A window where the cards are narrowest beside each other (at 800 px, two to a row). */
const NARROW_LAPTOP = 800;
/** Three cards side by side with the least room each: where a grid that cannot shrink ran 77 px past its card. */
const GRID_SQUEEZE_WIDTH = 1024;

/** The most of a phone's height the page's header may cover once the reader has scrolled down. */
const HEADER_SHARE = 0.1;

/** Per scrolling table region: whether it overflows, and whether its note and edge shadows show. */
const scrollCues = () => {
  const g = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any };
  return Array.from(g.document.querySelectorAll('.table-wrap') as ArrayLike<any>).map((w) => {
    const note = w.querySelector('.scroll-note');
    const r = note.getBoundingClientRect();
    const box = w.getBoundingClientRect();
    return {
      name: w.getAttribute('aria-label') as string,
      overflows: w.scrollWidth > w.clientWidth + 1,
      note: g.getComputedStyle(note).display !== 'none' && r.height > 0 && r.left >= box.left - 1,
      shadows: (g.getComputedStyle(w).backgroundImage.match(/radial-gradient/g) ?? []).length,
    };
  });
};

/** How many pixels of the viewport's height the header covers now. */
const headerCover = () => {
  const g = globalThis as unknown as { document: any; innerHeight: number };
  const r = g.document.querySelector('#header').getBoundingClientRect();
  return Math.max(0, Math.min(r.bottom, g.innerHeight) - Math.max(r.top, 0));
};

/** The cards whose address runs onto more than one line or under the card's grid. */
const brokenAddresses = () => {
  const g = globalThis as unknown as { document: any };
  return Array.from(g.document.querySelectorAll('.card .address') as ArrayLike<any>)
    .filter((a) => {
      const range = g.document.createRange();
      range.selectNodeContents(a);
      const lines = new Set(Array.from(range.getClientRects() as ArrayLike<any>).map((b) => b.top));
      const grid = a.closest('.card').querySelector('svg.grid').getBoundingClientRect();
      return lines.size > 1 || range.getBoundingClientRect().right > grid.left;
    })
    .map((a) => a.textContent as string);
};

/** The cards whose grid runs past the card's inner edge (by more than half a pixel). */
const gridsPastCard = () => {
  const g = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any };
  return Array.from(g.document.querySelectorAll('.card') as ArrayLike<any>)
    .filter((card) => {
      const box = card.getBoundingClientRect();
      const style = g.getComputedStyle(card);
      const inner = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
      return card.querySelector('svg.grid').getBoundingClientRect().right > inner + 0.5;
    })
    .map((card) => card.querySelector('.address').textContent as string);
};

describe('the live page lays out what a newcomer meets', { skip }, () => {
  it('counters beside the grid and badges on their names, running and stopped', async () => {
    for (const ended of [false, true]) {
      const live = await scriptedPage(storyWithCounters(ended));
      try {
        for (const viewport of [LAPTOP, PHONE]) {
          await live.page.setViewportSize(viewport);
          const where = `${viewport.width}x${viewport.height}, ${ended ? 'stopped' : 'running'}`;
          assert.deepEqual(await live.page.evaluate(cardProblems), [], where);
        }
        assert.match(
          await live.page.locator('.card[data-node="node2"]').innerText(),
          /deleted\s+1/,
        );
      } finally {
        await live.close();
      }
    }
  });

  it('a 1,024-character key stays on the page at 390x844 and 1280x720', async () => {
    for (const ended of [false, true]) {
      const live = await scriptedPage(storyWithCounters(ended, LONG_KEY));
      try {
        for (const viewport of [PHONE, LAPTOP]) {
          await live.page.setViewportSize(viewport);
          const wider = await live.page.evaluate(overflow);
          assert.equal(wider, 0, `${viewport.width} px: the document is ${wider} px too wide`);
        }
        assert.deepEqual(
          await auditEverywhere(live.page, `long-key-${ended ? 'ended' : 'live'}`),
          [],
        );
      } finally {
        await live.close();
      }
    }
  });

  it('a table wider than a phone says it scrolls; the header scrolls away; addresses stay whole', async () => {
    const live = await scriptedPage(scriptedRun());
    try {
      const { page } = live;
      for (const width of [LAPTOP.width, GRID_SQUEEZE_WIDTH, NARROW_LAPTOP]) {
        await page.setViewportSize({ ...LAPTOP, width });
        assert.deepEqual(await page.evaluate(brokenAddresses), [], `at ${width} px`);
        assert.deepEqual(
          await page.evaluate(gridsPastCard),
          [],
          `grids inside cards at ${width} px`,
        );
      }
      await page.setViewportSize(PHONE);
      const cues = await page.evaluate(scrollCues);
      assert.ok(
        cues.some((c) => c.overflows),
        'some table is wider than a phone',
      );
      for (const c of cues) {
        assert.equal(c.note, c.overflows, `${c.name}: the note shows exactly when it overflows`);
        assert.equal(c.shadows, 2, `${c.name}: a shadow for each edge`);
      }
      await page.locator('.table-wrap').last().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}scroll-cue-390.png` });
      const cover = await page.evaluate(headerCover);
      assert.ok(
        cover <= HEADER_SHARE * PHONE.height,
        `scrolled down, the header covers ${cover} of ${PHONE.height} px`,
      );
      assert.deepEqual(await auditEverywhere(page, 'scroll-cue'), []);
    } finally {
      await live.close();
    }
  });

  it('Next keeps the focus after a part, with the ring every control has', async () => {
    const events = scriptedRun().filter((e) => e.type !== 'end' && e.type !== 'verdict');
    const waitAt = events.findIndex((e, i) => i > 5 && e.type === 'section');
    const live = await scriptedPage([
      ...events.slice(0, waitAt),
      { type: 'waiting', next: 'Before anti-entropy' },
    ]);
    try {
      const { page } = live;
      const next = page.getByRole('button', { name: /^Next: Before anti-entropy/ });
      const stops = await tabStops(page, 12);
      const ring = stops.find((s) => s.id === 'next')?.ring;
      assert.ok(ring && !ring.startsWith('none'), `Next shows a focus ring: ${ring}`);
      const unlike = stops.filter((s) => s.ring !== ring);
      assert.deepEqual(unlike, [], `every focus ring is Next's (${ring})`);

      await next.focus();
      await page.keyboard.press('Enter');
      const seq = Number(await page.evaluate(() => (globalThis as any).document.body.dataset.seq));
      live.emit({ type: 'section', title: 'Before anti-entropy' });
      live.emit({ type: 'waiting', next: 'Merkle trees' });
      await drawn(page, seq + 2);
      const focused = await page.evaluate(focusRing);
      assert.equal(focused?.id, 'next', 'the focus stays on Next for the next part');
      assert.equal(focused?.ring, ring);
      assert.ok(focused?.visible, 'and its ring shows');
      await page.screenshot({ path: `${ARTIFACTS}next-focus.png` });
    } finally {
      await live.close();
    }
  });

  it('the header says the interval Set interval set', { timeout: 120_000 }, async () => {
    const base = await freeBasePort(3);
    const { child, url } = await startLive(['cluster', '--web', '--base-port', String(base)]);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      const header = page.getByRole('banner');
      await header.getByText('Anti-entropy only on trigger').waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.getByLabel('Anti-entropy interval (ms)').fill('60000');
      await page.getByRole('button', { name: 'Set interval', exact: true }).click();
      await header.getByText(/every ~60,000 ms/).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await header.getByText('only on trigger').count(), 0);
      await page.getByLabel('Anti-entropy interval (ms)').fill('0');
      await page.getByRole('button', { name: 'Set interval', exact: true }).click();
      await header.getByText(/only on trigger/).waitFor({ timeout: STEP_TIMEOUT_MS });
    } finally {
      await closeAndInterrupt(browser, child);
    }
    await portsReleased(portRange(base));
  });
});
