// The live page's server and the report, through the built CLI with real nodes (no browser:
// test/e2e drives the page in Chromium).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, portRange, portsReleased } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { externalReferences, pressNext, readEvents, rootsOf, withLiveRun } from '../helpers/web.js';
import type { WebEvent } from '../../src/web/model.js';
import { withTempDir } from '../helpers/temp-dir.js';

describe('run --web: the live page', () => {
  it('serves the page, its whole module graph and the event stream; Next in the page plays every part', async () => {
    const base = await freeBasePort(3);
    await withLiveRun(
      ['run', '--web', '--step', '--web-port', '0', '--base-port', String(base), '--keys', '200'],
      async ({ child, url, output }) => {
        const host = new URL(url).host;
        const page = await request(host, 'GET', '/');
        assert.equal(page.status, 200);
        assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
        const entry = /<script type="module" src="([^"]+)"><\/script>/.exec(page.text)?.[1];
        assert.equal(entry, '/js/src/web/page/app.js');
        // Every module the page imports, followed from app.js, is served by ae-demo itself.
        const pending = [entry!];
        const fetched = new Set<string>();
        while (pending.length > 0) {
          const at = pending.pop()!;
          if (fetched.has(at)) continue;
          fetched.add(at);
          const script = await request(host, 'GET', at);
          assert.equal(script.status, 200, `${at} is served`);
          assert.match(String(script.headers['content-type']), /^text\/javascript/);
          for (const [, spec] of script.text.matchAll(/^import [^;]*? from '([^']+)';$/gm)) {
            assert.ok(spec!.startsWith('.'), `${at} imports ${spec} from outside ae-demo`);
            pending.push(new URL(spec!, `http://x${at}`).pathname);
          }
        }
        assert.ok(fetched.size >= 8, `the page's modules: ${[...fetched].join(', ')}`);
        assert.equal((await request(host, 'GET', '/style.css')).status, 200);
        assert.equal((await request(host, 'GET', '/js/../../package.json')).status, 404);
        assert.equal((await request(host, 'GET', '/js/src/web/server.ts')).status, 404);
        assert.equal(
          (await request(host, 'GET', '/', undefined, { host: 'evil.example' })).status,
          421,
          'DNS rebinding is refused',
        );
        assert.equal(
          (await request(host, 'POST', '/next')).status,
          403,
          'Next needs the page header',
        );

        // A page that connects is first sent everything so far as one snapshot (it may already
        // show the wait for Next), then each event as it happens.
        let waits = 0;
        const seen = await readEvents(url, async (event) => {
          if (
            event.type === 'waiting' ||
            (event.type === 'snapshot' && event.state.waiting !== null)
          ) {
            waits += 1;
            assert.deepEqual(await pressNext(url), { status: 200, advanced: true });
          }
          return event.type === 'end';
        });
        assert.equal(seen[0]?.type, 'snapshot');
        const sections = seen.flatMap((e) => (e.type === 'section' ? [e.title] : []));
        assert.ok(
          sections.includes('Merkle trees: where the replicas differ'),
          sections.join(' | '),
        );
        assert.equal(waits, sections.length, 'each part waited for Next');
        const roots = seen.map(rootsOf).filter((r): r is Set<string> => r !== null);
        const divergent = roots.findIndex((r) => r.size === 3);
        assert.ok(divergent >= 0, 'a sample saw three different roots');
        assert.equal(roots.at(-1)!.size, 1, 'the last sample saw one root');
        const verdict = seen.find(
          (e): e is Extract<WebEvent, { type: 'verdict' }> => e.type === 'verdict',
        );
        assert.equal(verdict?.verdict.converged, true);
        assert.ok(
          seen.some((e) => e.type === 'story' && e.event.type === 'exchange'),
          'the exchange was sent',
        );

        const result = await child;
        assert.equal(result.exitCode, 0, output());
        await portsReleased([...portRange(base), Number(new URL(url).port)]);
      },
    );
  });

  it('Ctrl-C while the page waits for Next stops every node and the page, and exits 130', async () => {
    const base = await freeBasePort(3);
    await withLiveRun(
      ['run', '--web', '--step', '--web-port', '0', '--base-port', String(base), '--keys', '10'],
      async ({ child, url, output }) => {
        await until(
          'the first wait for Next',
          async () => output().includes('Next in the page for'),
          60_000,
        );
        child.kill('SIGINT');
        assert.equal((await child).exitCode, 130, output());
        await portsReleased([...portRange(base), Number(new URL(url).port)]);
      },
    );
  });

  it('a page that connects late is sent everything, and the run waits for one before it exits', async () => {
    const base = await freeBasePort(3);
    await withLiveRun(
      ['run', '--web', '--web-port', '0', '--base-port', String(base), '--keys', '50'],
      async ({ child, url, output }) => {
        await until(
          'the run to finish and wait for a page',
          async () => output().includes('No browser has opened'),
          60_000,
        );
        const seen = await readEvents(
          url,
          (event) =>
            event.type === 'end' || (event.type === 'snapshot' && event.state.ended !== null),
        );
        const first = seen[0];
        assert.equal(first?.type, 'snapshot', 'a late page is sent the whole state at once');
        assert.equal(first.type === 'snapshot' && first.state.verdict?.converged, true);
        assert.ok(
          first.type === 'snapshot' &&
            first.state.sections.some((s) => s.events.some((e) => e.type === 'exchange')),
        );
        assert.equal((await child).exitCode, 0);
        await portsReleased(portRange(base));
      },
    );
  });

  it('cluster --web follows the nodes: a direct write shows as differing roots until a trigger repairs it', async () => {
    const base = await freeBasePort(3);
    await withLiveRun(['cluster', '--web', '--base-port', String(base)], async ({ child, url }) => {
      let wrote = false;
      let triggered = false;
      let repaired = false;
      await readEvents(url, async (event) => {
        const roots = rootsOf(event);
        if (!roots) return false;
        if (!wrote) {
          wrote = true;
          assert.equal(
            (await request(`127.0.0.1:${base + 1}`, 'PUT', '/kv/user:zoe/direct', '{"value":"z"}'))
              .status,
            200,
          );
          return false;
        }
        if (roots.size > 1 && !triggered) {
          triggered = true;
          assert.equal(
            (await request(`127.0.0.1:${base}`, 'POST', '/anti-entropy/trigger')).status,
            200,
          );
          return false;
        }
        if (event.type !== 'nodes') return false;
        // The round shows up with its exchange, as the node reported it.
        repaired ||= event.nodes.some((n) =>
          n.newRounds.some((r) =>
            r.report.peers.some(
              (p) => p.status === 'repaired' && p.keys.pushed.includes('user:zoe'),
            ),
          ),
        );
        return triggered && repaired && roots.size === 1 && event.nodes.every((n) => n.keys === 1);
      });
      child.kill('SIGINT');
      assert.equal((await child).exitCode, 130, 'Ctrl-C ends a foreground cluster with 130');
    });
    await portsReleased(portRange(base));
  });
});

describe('run --report FILE.html', () => {
  it('writes one self-contained file with the tables, the tree paths as SVG, the exchange table and the verdict', async () => {
    await withTempDir('ae-report-', async (dir) => {
      const file = path.join(dir, 'run.html');
      const base = await freeBasePort(3);
      const r = await cli(['run', '--report', file, '--base-port', String(base), '--keys', '300']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`Report: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const doc = await readFile(file, 'utf8');
      assert.match(
        doc,
        /<table class="keys">[\s\S]*user:alice[\s\S]*alice_data_from_node1/,
        'the before table',
      );
      assert.match(
        doc,
        /<h2><span class="num">\d+<\/span> After anti-entropy<\/h2><section class="table-wrap"[^>]*><p class="scroll-note"[^<]*<\/p><table class="keys">[\s\S]*all three[\s\S]*alice_data_from_node2_DIFFERENT/,
        'the after table',
      );
      assert.match(doc, /<svg class="tree"[^>]*>[\s\S]*user:alice[\s\S]*<\/svg>/);
      assert.match(doc, /<table class="exchange">[\s\S]*repaired[\s\S]*× more\)/);
      assert.match(doc, /✔ Converged:<\/b> 3 nodes, 302 keys/);
      assert.deepEqual(externalReferences(doc), []);
      await portsReleased(portRange(base));
    });
  });
});

describe('bad web flags change nothing', () => {
  it('names the problem, exits 2 or 3 and starts no node', async () => {
    const base = await freeBasePort(3);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const cases: [string[], number, RegExp][] = [
        [
          ['--report', '/no/such/folder/run.html'],
          2,
          /the folder \/no\/such\/folder does not exist/,
        ],
        [['--report', os.tmpdir()], 2, /is a folder; name a file/],
        [['--web-port', '8080'], 2, /--web-port only means something with --web/],
        [['--web', '--web-port', '70000'], 2, /--web-port must be a port number from 0 to 65535/],
        [
          ['--web', '--web-port', String(busy)],
          3,
          new RegExp(`Port ${busy} is in use, so the live view cannot start there`),
        ],
      ];
      for (const [flags, code, message] of cases) {
        const r = await cli(['run', '--base-port', String(base), '--keys', '0', ...flags]);
        assert.equal(r.exitCode, code, `${flags.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stdout + r.stderr, /nodes up/, `${flags.join(' ')} started nodes`);
      }
      await portsReleased(portRange(base));
    } finally {
      blocker.close();
    }
  });
});
