// Free ports for tests and benchmarks: picked below the ephemeral range (no outgoing connection
// takes them, no client connects to itself) and claimed until the process exits, so two test
// files running at once never pick the same ports.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { canBind, freeBasePort } from '../../src/cluster/ports.js';

/** Linux's range of local ports for outgoing connections, when the system says it. */
async function ephemeralRange(): Promise<[number, number]> {
  const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(
    () => '32768 60999',
  );
  const [low, high] = text.trim().split(/\s+/).map(Number) as [number, number];
  return [low, high];
}

describe('free ports', () => {
  it('are picked below the ephemeral range, bindable on 127.0.0.1', async () => {
    const [low] = await ephemeralRange();
    for (let i = 0; i < 20; i++) {
      const base = await freeBasePort(3);
      assert.ok(base >= 1024 && base + 2 < low, `${base} is below ${low}`);
      for (let p = base; p < base + 3; p++) assert.equal(await canBind(p), true, `port ${p}`);
    }
  });

  it('are claimed until the process exits: the same process never gets a port twice', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const base = await freeBasePort(4);
      for (let p = base; p < base + 4; p++) {
        assert.ok(!seen.has(p), `port ${p} was handed out twice`);
        seen.add(p);
      }
    }
  });

  it('another process cannot claim a claimed port', async () => {
    const base = await freeBasePort(1);
    // The claim is a listening socket on 127.0.0.2: a second one on that port is refused.
    assert.equal(await canBind(base, '127.0.0.2'), false);
  });
});
