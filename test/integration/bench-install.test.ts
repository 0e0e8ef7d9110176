// `ae-demo bench` from an installed package, as `npm install ae-demo` leaves it: the tarball
// `npm pack` makes, unpacked into a fresh node_modules beside only the production dependencies
// (no registry needed: they are linked from this checkout's node_modules, which `npm ls
// --omit=dev` lists). A module bench needs that the package leaves out, or a dependency it
// imports that is only a dev dependency, fails the run. `--only exchange` with 1,000 keys keeps
// it to seconds, and shows that --only runs that phase alone.
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { withTempDir } from '../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Packing ~500 files, listing the dependencies and a two-node exchange grid of 1,000 keys. */
const TIMEOUT_MS = 120_000;

/** The packed tarball unpacked as node_modules/ae-demo in `app`, its production deps beside. */
async function install(app: string): Promise<string> {
  const packed = await execa(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', app],
    {
      cwd: ROOT,
    },
  );
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const modules = path.join(app, 'node_modules');
  const pkg = path.join(modules, 'ae-demo');
  await mkdir(pkg, { recursive: true });
  await execa('tar', ['xzf', path.join(app, filename), '-C', pkg, '--strip-components=1']);
  const listed = await execa('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    reject: false,
  });
  const top = path.join(ROOT, 'node_modules') + path.sep;
  for (const dir of listed.stdout.split('\n')) {
    const name = dir.startsWith(top) ? dir.slice(top.length) : '';
    // Only the top level (a or @scope/a): nested copies come with their parents.
    if (name === '' || name.includes(`${path.sep}node_modules${path.sep}`)) continue;
    await mkdir(path.dirname(path.join(modules, name)), { recursive: true });
    await symlink(dir, path.join(modules, name), 'dir');
  }
  return path.join(pkg, 'bin', 'ae-demo.js');
}

describe('bench from an installed package', () => {
  it('runs --only exchange and measures that phase alone', { timeout: TIMEOUT_MS }, async () => {
    await withTempDir('ae-demo-consumer-', async (app) => {
      const bin = await install(app);
      const args = ['bench', '--only', 'exchange', '--keys', '1000', '--ae-strategy', 'merkle'];
      const r = await execa(process.execPath, [bin, ...args, '--check', '--json'], {
        cwd: app,
        reject: false,
        env: { NO_COLOR: '1' },
        stdin: 'ignore',
      });
      assert.equal(r.exitCode, 0, r.stderr);
      const result = JSON.parse(r.stdout) as {
        settings: { phases: string[] };
        exchange: { keys: number; converged: boolean }[];
        throughput?: unknown;
        targets: { met: boolean }[];
      };
      assert.deepEqual(result.settings.phases, ['exchange']);
      assert.equal(result.exchange.length, 4);
      assert.ok(result.exchange.every((row) => row.keys === 1000 && row.converged));
      assert.equal(result.throughput, undefined);
      assert.ok(result.targets.length > 0 && result.targets.every((t) => t.met));
      assert.match(r.stderr, /\[1\/1\] exchange: .*left/);
    });
  });
});
