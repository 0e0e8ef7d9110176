// axe-core in a real page: the accessibility rules a person with a screen reader, a keyboard or
// low vision depends on. Injected through the debugger protocol, so the page's own
// Content-Security-Policy (default-src 'self') stays as it is for the rest of the test.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let source: Promise<string> | undefined;

/**
 * Every axe violation on the page as it is now, whatever its impact: a "moderate" one such as two
 * regions with one name (landmark-unique) still leaves a screen-reader user unable to tell them apart.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Once per document: parsing axe again for every audit cost 0.5–4 s each under load, and the
  // live page's walk audits one document a dozen times.
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(await source);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
    const results = await axe.run();
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

/** One line per violation, for an assertion message a person can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`)
    .join('\n');
}

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}
