// The live page's controls as a presenter uses them, for the browser tests: open the page with
// its script errors collected, and press a control by its accessible name until the page says
// it is done (its status line, not "Working…").
import type { Browser, Page } from 'playwright-core';
import { LAPTOP, STEP_TIMEOUT_MS } from './chromium.js';

/** The live page at 1280x720, and the script errors it throws from now on (none: all well). */
export async function openLivePage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: LAPTOP });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

/** Presses the button named `name` and waits for the page's status line to match `said`. */
export async function pressControl(page: Page, name: string, said: RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('status').filter({ hasText: said }).waitFor({ timeout: STEP_TIMEOUT_MS });
}
