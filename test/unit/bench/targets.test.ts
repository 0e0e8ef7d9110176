// The benchmark's targets as a table: a target reads its figure from a result (fabricated here,
// as a phase would leave it), is left out when its phase did not run, and is missed past its
// limit; --check turns a miss into exit 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargets, TARGETS } from '../../../src/bench/targets.js';
import type { BenchResult } from '../../../src/bench/result.js';
import type { ExchangeRow } from '../../../src/bench/exchange.js';
import { noParts } from '../../../src/bench/seeded-parts.js';
import { checkVerdict } from '../../../src/cli/commands/bench.js';
import { AeError, EXIT } from '../../../src/errors.js';

const settings: BenchResult['settings'] = {
  phases: [],
  sizes: [100_000],
  divergences: [0, 0.01],
  durationS: 5,
  connections: 32,
  rounds: 5,
  node: 'v20',
  cpus: 2,
};

/** A result holding only the tree and memory phases, with the figures given. */
function treeAndMemory(bytesPerKey: number, treeNs: number): BenchResult {
  return {
    settings: { ...settings, phases: ['tree', 'memory'] },
    tree: {
      rows: [
        {
          keys: 1_000_000,
          treeNsPerWrite: treeNs,
          applyNsPerWrite: 6_000,
          keyedApplyNsPerWrite: 6_200,
        },
      ],
      upkeep: {
        keys: 1_000_000,
        applyNs: 2_500,
        applyWithSketchNs: 3_600,
        sketchNs: 900,
        sketchBytes: 2 ** 20,
      },
    },
    memory: {
      keys: 1_000_000,
      bytesPerKey,
      rssBytes: bytesPerKey * 1_000_000,
      upkeep: { keys: 1_000_000, bytesPerKey, bytesPerKeyWithSketch: bytesPerKey + 10 },
    },
    targets: [],
  };
}

const exchange = (
  strategy: ExchangeRow['strategy'],
  divergence: number,
  fields: Partial<ExchangeRow>,
): ExchangeRow => ({
  strategy,
  keys: 100_000,
  divergence,
  differing: divergence * 100_000,
  differingBytes: 1_000,
  roundTrips: 1,
  bodyBytes: 178,
  wireBytes: 500,
  ratio: null,
  wallMs: 10,
  cpuMs: { initiator: 1, responder: 1 },
  converged: true,
  ...fields,
});

describe('bench targets', () => {
  it('every row names its limit once and says why', () => {
    const names = TARGETS.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const t of TARGETS) assert.ok(t.why.length > 20, `${t.name} says why`);
  });

  it('checks only the targets whose phase ran, each against its limit', () => {
    const targets = checkTargets(treeAndMemory(359, 954));
    assert.deepEqual(
      targets.map((t) => [t.name, t.measured, t.met]),
      [
        [
          'riblt upkeep: a write at 1,000,000 keys, times one without the sketch <= 2x',
          '1.44x',
          true,
        ],
        ['riblt upkeep: bytes per key on top of the store <= 64 B', '10 B', true],
        ['RSS per key at 1,000,000 keys <= 450 B', '359 B', true],
        ['tree cost per write at 1,000,000 keys, share of a whole write <= 0.5', '0.16', true],
      ],
    );
  });

  it('a figure past its limit is missed, and --check fails with exit 1 naming it', () => {
    const targets = checkTargets(treeAndMemory(451, 954));
    const missed = targets.filter((t) => !t.met).map((t) => t.name);
    assert.deepEqual(missed, ['RSS per key at 1,000,000 keys <= 450 B']);
    assert.throws(
      () => checkVerdict(targets),
      (e: unknown) =>
        e instanceof AeError &&
        e.code === 'targets_missed' &&
        e.exitCode === EXIT.verificationFailed &&
        e.message.includes('1 of 4 targets missed: RSS per key'),
    );
    assert.doesNotThrow(() => checkVerdict(checkTargets(treeAndMemory(359, 954))));
  });

  it('reads the exchange grid: bytes per E, identical replicas, the full exchange beside', () => {
    const result: BenchResult = {
      settings,
      exchange: [
        exchange('merkle', 0, { bodyBytes: 600 }),
        // A riblt pair's first exchange opens with samples: shown, not held to the target.
        exchange('riblt', 0, {
          bodyBytes: 284,
          riblt: { opening: 'samples', symbols: 0, decoded: 0 },
        }),
        exchange('riblt', 0, { bodyBytes: 28, riblt: { opening: 'root', symbols: 0, decoded: 0 } }),
        exchange('merkle', 0.01, { ratio: 2.3, bodyBytes: 2_300, wallMs: 20 }),
        exchange('full', 0.01, { bodyBytes: 50_000_000, wallMs: 300 }),
      ],
      targets: [],
    };
    assert.deepEqual(
      checkTargets(result).map((t) => [t.name, t.measured, t.met]),
      [
        ['merkle: bytes/E at 1% of 100k keys <= 2.2', '2.30', false],
        ['riblt: identical replicas, round trips <= 1', '1', true],
        ['riblt: identical replicas, bytes <= 64 B', '28 B', true],
        ['merkle: identical replicas, round trips <= 1', '1', true],
        ['merkle: identical replicas, bytes <= 512 B', '600 B', false],
        ['vs full exchange at 1% of 100k: times fewer bytes >= 20x', '21739.1x', true],
        ['vs full exchange at 1% of 100k: times less time >= 5x', '15.0x', true],
      ],
    );
  });

  it('an exchange that did not complete is no reading of bytes per E', () => {
    const result: BenchResult = {
      settings,
      exchange: [
        exchange('merkle', 0.01, { ratio: 0.5, converged: false, failed: 'unreachable: timeout' }),
      ],
      targets: [],
    };
    const names = checkTargets(result).map((t) => t.name);
    assert.ok(!names.includes('merkle: bytes/E at 1% of 100k keys <= 2.2'), names.join('; '));
  });

  it('reads the rateless exchange: CPU beside the walk at 1M keys, the worst of its seeds', () => {
    const large = { keys: 1_000_000 };
    const result: BenchResult = {
      settings,
      exchange: [
        exchange('riblt', 0.1, {
          ...large,
          roundTrips: 3,
          cpuMs: { initiator: 900, responder: 900 },
        }),
        exchange('merkle', 0.1, {
          ...large,
          roundTrips: 5,
          cpuMs: { initiator: 1_000, responder: 1_000 },
        }),
        exchange('riblt', 0.01, {
          ...large,
          roundTrips: 4,
          cpuMs: { initiator: 300, responder: 300 },
        }),
        exchange('merkle', 0.01, {
          ...large,
          roundTrips: 5,
          cpuMs: { initiator: 250, responder: 250 },
        }),
      ],
      seeded: [
        {
          keys: 100_000,
          divergence: 0.001,
          seeds: 20,
          meanRatio: 1.18,
          worstRatio: 1.23,
          maxRoundTrips: 3,
          meanSymbolsPerItem: 1.6,
          worstSymbolsPerItem: 1.9,
          fallbacks: 0,
          meanCpuMs: 10,
          meanParts: noParts(),
          afterSync: false,
          roundTrips: { 2: 12, 3: 8 },
        },
        {
          keys: 100_000,
          divergence: 0.01,
          seeds: 20,
          meanRatio: 1.13,
          worstRatio: 1.3,
          maxRoundTrips: 3,
          meanSymbolsPerItem: 1.5,
          worstSymbolsPerItem: 1.7,
          fallbacks: 0,
          meanCpuMs: 30,
          meanParts: noParts(),
          afterSync: false,
          roundTrips: { 2: 12, 3: 8 },
        },
        {
          // After a sync: not among the worst of 20 seeds; its fourth round trips counted.
          keys: 100_000,
          divergence: 0.001,
          seeds: 40,
          meanRatio: 1.3,
          worstRatio: 1.5,
          maxRoundTrips: 4,
          meanSymbolsPerItem: 2,
          worstSymbolsPerItem: 2.5,
          fallbacks: 0,
          meanCpuMs: 10,
          meanParts: noParts(),
          afterSync: true,
          roundTrips: { 2: 5, 3: 33, 4: 2 },
        },
      ],
      targets: [],
    };
    const rows = checkTargets(result).map((t) => [t.name, t.measured, t.met]);
    assert.deepEqual(
      rows.filter(([name]) =>
        /riblt( after a sync)?: (round trips|CPU|bytes\/E, worst|exchanges)/.test(String(name)),
      ),
      [
        ['riblt: round trips at every size and divergence <= 3', '4 (at 1% of 1,000,000)', false],
        [
          "riblt: CPU of an exchange at 1,000,000 keys, times the walk's <= 1x",
          '0.90 at 10%, 1.20 at 1%',
          false,
        ],
        [
          'riblt: bytes/E, worst of 20 seeds at any point (in one process) <= 1.25',
          '1.300 (1% of 100,000; mean there 1.130)',
          false,
        ],
        [
          'riblt after a sync: exchanges with a fourth round trip, of 40 seeds at any point <= 1',
          '2 (at 0.1% of 100,000)',
          false,
        ],
      ],
    );
  });
});
