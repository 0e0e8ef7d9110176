// The live page's controls in a real browser (Debian's Chromium via playwright-core), driven by
// accessible names only: a presenter cuts a node off, writes, heals, repairs, kills and restarts
// one, on `cluster --web`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { portRange, portsReleased } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { startLive } from '../helpers/web.js';
import { openLivePage, pressControl as press } from '../helpers/page-controls.js';
import { axeViolations, describeViolations } from '../helpers/axe.js';
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

// Screenshots go to ARTIFACTS for a person to look at (docs/live-controls.png is one, copied by
// hand).
const skip = browserSkip();

interface PageGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  };
}
/** How many different roots the three cards show (0 until all three have one). */
const distinctRoots = () => {
  const roots = Array.from(
    (globalThis as unknown as PageGlobals).document.querySelectorAll('.card code.root'),
    (e) => e.getAttribute('data-root') ?? '',
  );
  return roots.length === 3 && roots.every((r) => r !== '') ? new Set(roots).size : 0;
};

async function roots(page: Page, want: (n: number) => boolean, what: string): Promise<void> {
  await until(what, async () => want(await page.evaluate(distinctRoots)), STEP_TIMEOUT_MS);
}

/** Per card, how many rows its buttons take; and whether the page is wider than the window. */
const cardLayout = () => {
  const d = (globalThis as unknown as { document: any }).document;
  const rows = Array.from(d.querySelectorAll('.card .node-actions') as ArrayLike<any>, (bar) => {
    const tops = Array.from(bar.querySelectorAll('button') as ArrayLike<any>, (b) =>
      Math.round(b.getBoundingClientRect().top),
    );
    return new Set(tops).size;
  });
  return { rows, overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth };
};

/** What runs past the edge of its card (tag, class and by how many pixels); none when it fits. */
const spills = () => {
  const d = (globalThis as unknown as { document: any }).document;
  const found: string[] = [];
  for (const card of Array.from(d.querySelectorAll('.card') as ArrayLike<any>)) {
    const edge = card.getBoundingClientRect();
    for (const e of Array.from(card.querySelectorAll('*') as ArrayLike<any>)) {
      const box = e.getBoundingClientRect();
      if (box.width === 0) continue;
      const past = Math.round(Math.max(box.right - edge.right, edge.left - box.left));
      if (past > 0) found.push(`${card.dataset.node} ${e.tagName.toLowerCase()}: ${past} px`);
    }
  }
  return found;
};

/** The focused element's name and outline: keyboard focus must show. */
const focused = () => {
  const el = (globalThis as unknown as { document: { activeElement: any } }).document.activeElement;
  // Past the last control the focus leaves the page (the body is active): nothing to show.
  if (!el || el.tagName === 'BODY') return { name: '', outline: '' };
  const style = (globalThis as unknown as { getComputedStyle(e: unknown): any }).getComputedStyle(
    el,
  );
  const name: string = el.labels?.[0]?.textContent?.trim() || el.textContent?.trim() || '';
  return { name, outline: `${style.outlineStyle} ${style.outlineWidth}` };
};

describe('the live page controls in Chromium', { skip }, () => {
  it(
    'cut, write, heal, trigger, kill and restart from the page',
    { timeout: 240_000 },
    async () => {
      const base = await freeBasePort(3);
      const [n1, , n3] = portRange(base).map((p) => `node-${p}`) as [string, string, string];
      const { child, url } = await startLive(['cluster', '--web', '--base-port', String(base)]);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const { page, errors } = await openLivePage(browser, url);
        await page
          .getByRole('button', { name: `Cut off ${n3}`, exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await roots(page, (n) => n === 1, 'one root on three cards');

        // Layout: each card's buttons share one row at 1280x720 (three cards across), and a
        // phone held upright scrolls only down.
        assert.deepEqual(await page.evaluate(cardLayout), { rows: [1, 1, 1], overflow: 0 });
        await page.setViewportSize(PHONE);
        assert.equal((await page.evaluate(cardLayout)).overflow, 0, 'no sideways scroll at 390');
        await page.setViewportSize(LAPTOP);

        // Keyboard: every control is reachable by Tab, and shows that it has the focus.
        const reached = new Set<string>();
        await page.locator('body').focus();
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const { name, outline } = await page.evaluate(focused);
          reached.add(name);
          if (name !== '')
            assert.match(outline, /^solid [1-9]/, `${name} shows its focus (${outline})`);
        }
        for (const name of [
          `Cut off ${n1}`,
          `Kill ${n1}`,
          `Trigger anti-entropy on ${n3}`,
          'Key',
          'Value',
          'Direct (no replication)',
          'Write',
          'Delete',
          'Anti-entropy interval (ms)',
          'Set interval',
        ])
          assert.ok(
            [...reached].some((r) => r.startsWith(name)),
            `${name} is reachable by Tab (${[...reached].join(' | ')})`,
          );

        // Bad input: a clear message, nothing written.
        await page.getByLabel('Key', { exact: true }).fill('');
        await page.getByRole('button', { name: 'Write', exact: true }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /The key is empty/ })
          .waitFor({ timeout: STEP_TIMEOUT_MS });

        // Typing a space in a field is typing, not Next.
        await page.getByLabel('Value', { exact: true }).fill('');
        await page.getByLabel('Value', { exact: true }).press('Space');
        assert.equal(await page.getByLabel('Value', { exact: true }).inputValue(), ' ');

        // A direct write on node 1: the roots differ; one round repairs them.
        await page.getByLabel('Key', { exact: true }).fill('demo:k');
        await page.getByLabel('Value', { exact: true }).fill('one');
        await page.getByLabel('Node', { exact: true }).selectOption(n1);
        await page.getByLabel('Direct (no replication)').check();
        await press(page, 'Write', new RegExp(`Wrote demo:k on ${n1} only`));
        await roots(page, (n) => n > 1, 'the roots to differ');
        await page.screenshot({ path: path.join(ARTIFACTS, 'live-controls.png') });
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const violations = await axeViolations(page);
          assert.deepEqual(
            violations,
            [],
            `axe, ${colorScheme}:\n${describeViolations(violations)}`,
          );
        }
        // A phone held upright: the same, and nothing scrolls sideways (the "Try" commands wrap).
        await page.setViewportSize(PHONE);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const violations = await axeViolations(page);
          assert.deepEqual(
            violations,
            [],
            `axe at 390x844, ${colorScheme}:\n${describeViolations(violations)}`,
          );
          assert.equal(await page.evaluate(overflow), 0, `no sideways scroll, ${colorScheme}`);
        }
        await page.setViewportSize(LAPTOP);
        await page.emulateMedia({ colorScheme: 'light' });
        await press(page, `Trigger anti-entropy on ${n1}`, /Anti-entropy round on/);
        await roots(page, (n) => n === 1, 'one root after the trigger');

        // Cut node 3 off; a replicated write fails to reach it, and the story says so.
        await press(page, `Cut off ${n3}`, new RegExp(`${n3} is cut off from`));
        await page
          .getByRole('button', { name: `Heal ${n3}`, exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await page.getByLabel('Key', { exact: true }).fill('demo:k2');
        await page.getByLabel('Value', { exact: true }).fill('two');
        await page.getByLabel('Direct (no replication)').uncheck();
        await press(page, 'Write', /Wrote demo:k2 .*acked by 1 peer, failed on 1/);
        await page
          .locator('#story')
          .getByText(new RegExp(`failed on ${n3}`))
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await page
          .locator('#story')
          .getByText(new RegExp(`${n3} is cut off from ${n1}`))
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await roots(page, (n) => n > 1, 'node 3 to differ');

        await press(page, `Heal ${n3}`, new RegExp(`${n3} is healed`));
        await press(page, `Trigger anti-entropy on ${n1}`, /Anti-entropy round on/);
        await roots(page, (n) => n === 1, 'one root after heal and trigger');
        for (const port of portRange(base)) {
          const read = await request(`127.0.0.1:${port}`, 'GET', '/kv/demo:k2');
          assert.equal(read.json?.value, 'two', `demo:k2 on ${port}`);
        }

        // Kill node 3: its card says so until Restart; it comes back with its keys.
        await press(page, `Kill ${n3}`, new RegExp(`${n3} was killed`));
        await page.getByText('killed from the page').waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.equal(
          await page.getByRole('button', { name: `Trigger anti-entropy on ${n3}` }).count(),
          0,
        );
        await press(page, `Restart ${n3}`, new RegExp(`${n3} restarted .* with 2 keys`));
        await page
          .getByRole('button', { name: `Kill ${n3}`, exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.equal(await page.getByText('killed from the page').count(), 0);
        await roots(page, (n) => n === 1, 'one root after the restart');

        // The interval: bad input refused, then set on every node.
        await page.getByLabel('Anti-entropy interval (ms)').fill('-5');
        await press(page, 'Set interval', /whole number of milliseconds/);
        await page.getByLabel('Anti-entropy interval (ms)').fill('60000');
        await press(page, 'Set interval', /a round every ~60000 ms/);
        for (const port of portRange(base))
          assert.equal(
            (await request(`127.0.0.1:${port}`, 'GET', '/admin/interval')).json.intervalMs,
            60000,
          );

        assert.deepEqual(errors, []);
      } finally {
        await closeAndInterrupt(browser, child);
      }
      await portsReleased(portRange(base));
    },
  );

  it('six nodes: every card holds its content, at 1280x720 and 390x844, axe clean', async () => {
    const base = await freeBasePort(6);
    const ports = portRange(base, 6);
    const { child, url } = await startLive([
      'cluster',
      '--web',
      '--nodes',
      '6',
      '--base-port',
      String(base),
    ]);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      await until(
        'six cards with a root',
        async () => (await page.locator('.card code.root:not([data-root=""])').count()) === 6,
        STEP_TIMEOUT_MS,
      );
      for (const viewport of [LAPTOP, PHONE]) {
        await page.setViewportSize(viewport);
        const size = `${viewport.width}x${viewport.height}`;
        assert.equal(await page.evaluate(overflow), 0, `no sideways scroll at ${size}`);
        assert.deepEqual(await page.evaluate(spills), [], `nothing past its card at ${size}`);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `axe at ${size}:\n${describeViolations(violations)}`);
      }
    } finally {
      await closeAndInterrupt(browser, child);
    }
    await portsReleased(ports);
  });
});
