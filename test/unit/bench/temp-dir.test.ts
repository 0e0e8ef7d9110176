// The benchmark's scratch folders are gone however the run ends: when the phase is done, and
// when Ctrl-C's closing line exits the process in the middle of the phase.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { withBenchDir } from '../../../src/bench/temp-dir.js';

const MODULE = new URL('../../../src/bench/temp-dir.js', import.meta.url).href;

describe('bench scratch folders', () => {
  it('are removed when the phase is done, and when it throws', async () => {
    const seen: string[] = [];
    await withBenchDir('ae-demo-test-', async (dir) => {
      writeFileSync(path.join(dir, 'row'), 'x');
      seen.push(dir);
    });
    await assert.rejects(
      withBenchDir('ae-demo-test-', async (dir) => {
        seen.push(dir);
        throw new Error('phase failed');
      }),
      /phase failed/,
    );
    for (const dir of seen) assert.equal(existsSync(dir), false, dir);
  });

  it('are removed when the process exits in the middle of the phase (Ctrl-C: exit 130)', () => {
    const script =
      `const { withBenchDir } = await import(${JSON.stringify(MODULE)});` +
      `await withBenchDir('ae-demo-test-', async (dir) => {` +
      `  process.stdout.write(dir); process.exit(130); });`;
    let dir = '';
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.fail('the child exits 130');
    } catch (error) {
      const e = error as { status: number; stdout: string };
      assert.equal(e.status, 130);
      dir = e.stdout;
    }
    assert.match(dir, /ae-demo-test-/);
    assert.equal(existsSync(dir), false, `${dir} left behind`);
  });
});
