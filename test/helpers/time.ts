// The live page's Time slider and cards, by accessible names, for the browser tests.
import type { Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './chromium.js';

/** The keys a node's card shows. */
export async function keysOn(page: Page, node: string): Promise<string> {
  const card = page.locator('.card', { has: page.getByRole('heading', { name: node }) });
  return /keys\s+(\d+)/.exec(await card.innerText())?.[1] ?? '';
}

/** Presses `key` on the slider and waits until the page has drawn the step it moved to. */
export async function pressTime(page: Page, key: string): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Time' });
  await slider.press(key);
  const value = await slider.inputValue();
  await page.locator(`body[data-moment="${value}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Moves the slider back, a moment at a time, until `reached` holds (or it is at its left end);
 * resolves with whether it holds.
 */
export async function backUntil(page: Page, reached: () => Promise<boolean>): Promise<boolean> {
  const steps = Number(await page.getByRole('slider', { name: 'Time' }).getAttribute('max'));
  for (let back = 0; back < steps && !(await reached()); back++) await pressTime(page, 'ArrowLeft');
  return reached();
}
