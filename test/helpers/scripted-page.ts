// The live page served from this process with events a test writes (no nodes, no CLI): what a
// page shows for a given story, exactly and at once. The page's scripts come from the build.
import type { Browser, Page } from 'playwright-core';
import { Recorder } from '../../src/web/recorder.js';
import { startWebServer } from '../../src/web/server.js';
import type { WebEvent } from '../../src/web/model.js';
import { LAPTOP, launchChromium } from './chromium.js';

export interface ScriptedPage {
  page: Page;
  /** Sends one more event to the page (and to any page that connects later). */
  emit(event: WebEvent): void;
  close(): Promise<void>;
}

/** Chromium on a page that has been sent `events` and has drawn every one of them. */
export async function scriptedPage(events: readonly WebEvent[]): Promise<ScriptedPage> {
  const recorder = new Recorder();
  for (const event of events) recorder.emit(event);
  const server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    recorder,
    onNext: () => false,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: LAPTOP, colorScheme: 'light' });
    await page.goto(server.url);
    await drawn(page, recorder.state.seq);
    const open = browser;
    return {
      page,
      emit: (event) => recorder.emit(event),
      close: async () => {
        await open.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** Waits until the page has drawn the state after `seq` events (body[data-seq]). */
export async function drawn(page: Page, seq: number): Promise<void> {
  await page.waitForSelector(`body[data-seq="${seq}"]`, { timeout: 10_000 });
}
