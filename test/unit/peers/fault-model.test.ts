// The fault model: seeded, so every fate replays; each distribution and probability drawn as
// asked (over many draws of one fixed seed, so the figures are the same on every run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LinkFaults } from '../../../src/api/faults.js';
import {
  messageFate,
  REORDER_HOLD_MAX_MS,
  sampleLatency,
} from '../../../src/node/peers/fault-model.js';
import { Faults } from '../../../src/node/peers/faults.js';
import { rng } from '../../../src/random.js';

const DRAWS = 20_000;

function draws(link: LinkFaults, seed = 11) {
  const random = rng(seed);
  return Array.from({ length: DRAWS }, () => messageFate(link, random));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('fault model: latency', () => {
  it('fixed is exact; uniform stays in its bounds around their middle', () => {
    const random = rng(3);
    assert.equal(sampleLatency({ dist: 'fixed', ms: 40 }, random), 40);
    const uniform = Array.from({ length: DRAWS }, () =>
      sampleLatency({ dist: 'uniform', minMs: 10, maxMs: 30 }, random),
    );
    assert.ok(uniform.every((ms) => ms >= 10 && ms <= 30));
    assert.ok(Math.abs(mean(uniform) - 20) < 0.5, String(mean(uniform)));
  });

  it('exponential has its mean, and a tail longer than twice the mean', () => {
    const random = rng(5);
    const xs = Array.from({ length: DRAWS }, () =>
      sampleLatency({ dist: 'exponential', meanMs: 50 }, random),
    );
    assert.ok(Math.abs(mean(xs) - 50) < 2, String(mean(xs)));
    const beyond = xs.filter((ms) => ms > 100).length / DRAWS;
    assert.ok(Math.abs(beyond - Math.exp(-2)) < 0.02, String(beyond));
  });
});

describe('fault model: loss, duplication, reordering', () => {
  it('each happens at its probability; a lost message loses its request or its answer', () => {
    const fates = draws({ loss: 0.2, duplicate: 0.1, reorder: 0.3 });
    const share = (f: (x: (typeof fates)[number]) => boolean) => fates.filter(f).length / DRAWS;
    assert.ok(Math.abs(share((f) => f.lost !== 'none') - 0.2) < 0.02);
    assert.ok(Math.abs(share((f) => f.lost === 'request') - 0.1) < 0.02);
    assert.ok(Math.abs(share((f) => f.duplicate) - 0.1) < 0.02);
    assert.ok(Math.abs(share((f) => f.delayMs > 0) - 0.3) < 0.02);
    assert.ok(fates.every((f) => f.delayMs <= REORDER_HOLD_MAX_MS));
  });

  it('no fault: every message unharmed; certainty: every message lost', () => {
    assert.ok(draws({}).every((f) => f.lost === 'none' && !f.duplicate && f.delayMs === 0));
    assert.ok(draws({ loss: 1 }).every((f) => f.lost !== 'none'));
  });

  it('the same seed gives the same fates', () => {
    const link: LinkFaults = { loss: 0.5, latency: { dist: 'exponential', meanMs: 9 } };
    assert.deepEqual(draws(link, 42).slice(0, 50), draws(link, 42).slice(0, 50));
  });
});

describe('faults of one node', () => {
  const [b, c] = ['127.0.0.1:2', '127.0.0.1:3'];

  it('a link without faults draws nothing; "*" covers every peer, a named link only its peer', () => {
    const f = new Faults(rng(1));
    assert.equal(f.fate(b), undefined);
    f.set({ links: { '*': { loss: 1 }, [c]: { duplicate: 1 } } });
    assert.notEqual(f.fate(b)?.lost, 'none');
    assert.deepEqual(f.fate(c), { delayMs: 0, lost: 'none', duplicate: true });
  });

  it('deaf to a peer: its requests are dropped and its answers never heard; it still hears us', () => {
    const f = new Faults(rng(1));
    f.set({ deaf: [b] });
    assert.equal(f.drops(b), true);
    assert.equal(f.fate(b)?.lost, 'answer');
    assert.equal(f.drops(c), false);
    assert.equal(f.fate(c), undefined);
  });

  it('set replaces only the parts given; heal of a peer clears its faults, heal clears all', () => {
    const f = new Faults(rng(1));
    f.partition([c]);
    f.set({ links: { [b]: { loss: 0.5 } }, deaf: [c], skewMs: 2500 });
    f.set({ skewMs: -100 });
    assert.deepEqual(f.state(), {
      cut: [c],
      deaf: [c],
      links: { [b]: { loss: 0.5 } },
      skewMs: -100,
    });
    assert.equal(f.skewMicros(), -100_000);
    f.heal([c]);
    assert.deepEqual(f.state(), { cut: [], deaf: [], links: { [b]: { loss: 0.5 } }, skewMs: -100 });
    f.heal();
    assert.deepEqual(f.state(), { cut: [], deaf: [], links: {}, skewMs: 0 });
  });

  it('a peer known by another name is matched (a pod address and its host name)', () => {
    const f = new Faults(rng(1));
    f.set({ deaf: ['ae-1.ae:9999'], links: { 'ae-2.ae:9999': { duplicate: 1 } } });
    assert.equal(f.drops('ae-1:9999'), true);
    assert.equal(f.fate('ae-2:9999')?.duplicate, true);
  });
});
