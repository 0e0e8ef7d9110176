// Debian's Chromium for the browser tests (playwright-core downloads no browser of its own):
// where it is, how it is launched, whether a test may skip without it, where screenshots go
// and how long a step may wait: the preamble every browser test shares.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/** Screenshots land here for a person (or CI) to look at; the folder is not committed. */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

/** How long a step waits for the page to show what it should: longer, and the page has hung. */
export const STEP_TIMEOUT_MS = 30_000;

/** Where Debian's chromium package puts the browser (AE_DEMO_CHROMIUM overrides it). */
export const CHROMIUM = process.env.AE_DEMO_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), and none of Chromium's own calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

/**
 * Why a browser test skips (no browser), or false. On CI or with AE_DEMO_REQUIRE_BROWSER the
 * browser must be there: a missing one throws instead of skipping.
 */
export function browserSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI || process.env.AE_DEMO_REQUIRE_BROWSER)
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set AE_DEMO_CHROMIUM.`,
    );
  return `no browser at ${CHROMIUM} (apt-get install chromium)`;
}

/** Debian's Chromium, headless, with the artifacts folder made for its screenshots. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A suite's browser and folder, there from its first test to its last. */
export interface BrowserAndDir {
  readonly browser: Browser;
  /** A temporary folder of the suite's own (recordings, reports). */
  readonly dir: string;
}

/**
 * Called in a describe(): before its tests, a temporary folder named from `prefix` and Chromium;
 * after them, the browser closed and the folder removed, whatever happened. The suite's own
 * before() hooks, declared after this call, find both there.
 */
export function browserAndTempDir(prefix: string): BrowserAndDir {
  let browser: Browser | undefined;
  let dir: string | undefined;
  before(async () => {
    dir = await makeTempDir(prefix);
    browser = await launchChromium();
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      if (dir !== undefined) await removeTempDir(dir);
    }
  });
  const made = <T>(what: T | undefined): T => {
    if (what === undefined) throw new Error('browserAndTempDir: read it in a test or a later hook');
    return what;
  };
  return {
    get browser() {
      return made(browser);
    },
    get dir() {
      return made(dir);
    },
  };
}

/** A CLI the test started and stops as a user would, with Ctrl-C's signal. */
interface Interruptible {
  kill(signal: NodeJS.Signals): boolean;
  catch(onRejected: () => undefined): PromiseLike<unknown>;
}

/** Closes the browser, then stops the CLI and waits for it: stopped even when closing fails. */
export async function closeAndInterrupt(
  browser: Browser | undefined,
  child: Interruptible,
): Promise<void> {
  try {
    await browser?.close();
  } finally {
    child.kill('SIGINT');
    await child.catch(() => undefined);
  }
}

/** A phone held upright, and a laptop or projector. */
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1280, height: 720 };

interface LayoutGlobals {
  innerWidth: number;
  document: { scrollingElement: { scrollWidth: number } };
}
/** Runs in the page: how far it overflows the viewport sideways (0: no horizontal scrolling). */
export const overflow = (): number => {
  const g = globalThis as unknown as LayoutGlobals;
  return g.document.scrollingElement.scrollWidth - g.innerWidth;
};
