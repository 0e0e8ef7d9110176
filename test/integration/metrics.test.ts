// /metrics as an outside validator reads it: Prometheus' own `promtool check metrics` (Debian's
// prometheus package) on the very first scrape, before any event-loop sample, and after traffic.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';

const PROMTOOL = process.env.AE_DEMO_PROMTOOL ?? '/usr/bin/promtool';
const missing = !existsSync(PROMTOOL);
// On CI (or with AE_DEMO_REQUIRE_BROWSER, which .ci/run sets after installing the outside
// tools) promtool must be there; elsewhere the test says how to get it and skips.
if (missing && (process.env.CI || process.env.AE_DEMO_REQUIRE_BROWSER))
  throw new Error(
    `${PROMTOOL} is missing: install Debian's prometheus package (apt-get install prometheus) or set AE_DEMO_PROMTOOL.`,
  );

async function promtool(text: string): Promise<{ exitCode: number | undefined; output: string }> {
  const r = await execa(PROMTOOL, ['check', 'metrics'], { input: text, reject: false });
  return { exitCode: r.exitCode, output: `${String(r.stdout)}${String(r.stderr)}` };
}

describe(
  '/metrics passes promtool check metrics',
  { skip: missing && `${PROMTOOL} missing (apt-get install prometheus)` },
  () => {
    let cluster: Cluster;
    before(async () => {
      cluster = await testCluster(2);
    });
    after(() => cluster.stop());

    it('the first scrape: no sentinel or NaN before the event loop has been sampled', async () => {
      const first = await request(cluster.nodes[0]!.address, 'GET', '/metrics');
      assert.equal(first.status, 200);
      assert.doesNotMatch(first.text, /\bNaN\b|9223372036/i);
      const check = await promtool(first.text);
      assert.equal(check.exitCode, 0, check.output);
    });

    it('after writes and a round: still valid, and no gauge ends in _total', async () => {
      const a = cluster.nodes[0]!.address;
      await request(a, 'PUT', '/kv/k', '{"value": "v"}');
      await request(a, 'POST', '/anti-entropy/trigger');
      const text = (await request(a, 'GET', '/metrics')).text;
      const check = await promtool(text);
      assert.equal(check.exitCode, 0, check.output);
      const gauges = [...text.matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]!);
      assert.deepEqual(
        gauges.filter((g) => g.endsWith('_total')),
        [],
      );
      assert.doesNotMatch(text, /\bNaN\b|9223372036/i);
    });

    it('counts hints and repaired entries by path, as /stats does', async () => {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      await request(a, 'PUT', '/kv/only-here/direct', '{"value": "v"}');
      await request(b, 'GET', '/kv/only-here?read=all');
      const text = (await request(b, 'GET', '/metrics')).text;
      assert.equal((await promtool(text)).exitCode, 0);
      assert.match(text, /^ae_repaired_entries_total\{path="read_repair"\} 1$/m);
      assert.match(text, /^ae_hints_total\{event="stored"\} 0$/m);
      assert.match(text, /^ae_hints_total\{event="refused"\} 0$/m);
      assert.match(text, /^ae_hints_pending 0$/m);
    });
  },
);
