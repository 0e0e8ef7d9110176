// `ae-demo simulate` as a user runs it: JSON on stdout (the same for the same seed), exit 0 when
// the replicas converge and 1, saying so, when they cannot.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, flags, type FlagValue } from '../helpers/cli.js';
import { externalReferences } from '../helpers/web.js';
import { withTempDir } from '../helpers/temp-dir.js';

/** Runs `ae-demo simulate` with these flags (see flags()). */
const simulate = (options: Record<string, FlagValue>) => cli(['simulate', ...flags(options)]);

/** A run where every message is lost: it cannot converge, and stops after five rounds. */
const ALL_LOST = { nodes: 4, keys: 10, loss: 1, maxRounds: 5 };

describe('ae-demo simulate', () => {
  it('--json prints the result, byte for byte the same for the same seed', async () => {
    const options = { nodes: 10, keys: 100, writes: 5, seed: 4, json: true } as const;
    const a = await simulate(options);
    const b = await simulate(options);
    assert.equal(a.exitCode, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const result = JSON.parse(a.stdout) as Record<string, unknown>;
    assert.equal(result.converged, true);
    assert.ok(typeof result.rounds === 'number' && result.rounds > 0);
    assert.ok(typeof result.simulatedMs === 'number' && result.simulatedMs > 0);
    assert.ok(typeof result.bytes === 'number' && result.bytes > 0);
    assert.ok(typeof result.messages === 'number' && result.messages > 0);
    assert.ok(Array.isArray(result.perInterval) && result.perInterval.length > 0);
  });

  it('exits 1 and says so when every message is lost, instead of looping', async () => {
    const r = await simulate({ ...ALL_LOST, json: true });
    assert.equal(r.exitCode, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { converged: boolean }).converged, false);
    assert.match(r.stderr, /did not converge/);
  });

  it('--report and --plot write a self-contained page and an SVG, and nothing else', async () => {
    await withTempDir('ae-sim-report-', async (dir) => {
      const report = path.join(dir, 'sim.html');
      const plot = path.join(dir, 'rounds.svg');
      const options = { nodes: '6,12', keys: 20, writes: 3 };
      const r = await simulate({ ...options, report, plot });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`Report: ${report}`));
      assert.deepEqual(
        (await readdir(dir)).sort(),
        ['rounds.svg', 'sim.html'],
        'no temporary file left',
      );
      const page = await readFile(report, 'utf8');
      assert.match(page, /^<!DOCTYPE html>/);
      assert.deepEqual(externalReferences(page), []);
      assert.match(
        page,
        /<h2 id="plot-1-h">Rounds to converge against the number of replicas<\/h2>/,
      );
      assert.match(page, /<svg [^>]*role="img"/);
      assert.match(page, /Made by <code>ae-demo simulate --nodes 6,12 /);
      const svg = await readFile(plot, 'utf8');
      assert.match(svg, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(
        svg,
        /<title id="plot-title">Rounds to converge against the number of replicas<\/title>/,
      );
      // The same command writes the same files.
      const again = path.join(dir, 'again.svg');
      assert.equal((await simulate({ ...options, plot: again })).exitCode, 0);
      assert.equal(await readFile(again, 'utf8'), svg);
    });
  });

  it('a report that cannot be written fails at once (exit 2) and simulates nothing', async () => {
    await withTempDir('ae-sim-report-', async (dir) => {
      const missing = await simulate({ report: path.join(dir, 'nope', 'sim.html') });
      assert.equal(missing.exitCode, 2, missing.stderr);
      assert.match(missing.stderr, /--report .*does not exist; create it or choose another path/);
      assert.equal(missing.stdout, '', 'nothing was simulated');
      await mkdir(path.join(dir, 'folder'));
      const folder = await simulate({ plot: path.join(dir, 'folder') });
      assert.equal(folder.exitCode, 2, folder.stderr);
      assert.match(folder.stderr, /--plot .* is a folder; name a file, such as .*rounds\.svg/);
      assert.deepEqual(await readdir(dir), ['folder']);
    });
  });

  it('writes the report of a run that did not converge, then exits 1', async () => {
    await withTempDir('ae-sim-report-', async (dir) => {
      const report = path.join(dir, 'lost.html');
      const r = await simulate({ ...ALL_LOST, report });
      assert.equal(r.exitCode, 1, r.stderr);
      assert.match(await readFile(report, 'utf8'), /1 of 1 runs did not converge within 5 rounds/);
    });
  });
});
