// One look at a page as every audience sees it: a laptop or projector (1280×720) and a phone held
// upright (390×844), each in light and dark. axe on each, no sideways scroll, a screenshot of each.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './axe.js';
import { ARTIFACTS, LAPTOP, overflow, PHONE } from './chromium.js';

/** What axe and the layout found at each size and colour scheme (none: all clean). */
export async function auditEverywhere(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const viewport of [LAPTOP, PHONE]) {
    await page.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const where = `${name} at ${viewport.width}x${viewport.height}, ${colorScheme}`;
      const violations = await axeViolations(page);
      if (violations.length > 0) found.push(`${where}:\n${describeViolations(violations)}`);
      const wider = await page.evaluate(overflow);
      if (wider > 0) found.push(`${where}: the page is ${wider} px wider than the window`);
      await page.screenshot({
        path: path.join(ARTIFACTS, `${name}-${viewport.width}-${colorScheme}.png`),
      });
    }
  }
  await page.setViewportSize(LAPTOP);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
