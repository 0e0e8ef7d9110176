// The benchmark's targets as a table: a target reads its figure from a result (fabricated here,
// as a phase would leave it), is left out when its phase did not run, and is missed past its
// limit; --check turns a miss into exit 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargets, TARGETS } from '../../../src/bench/targets.js';
import type { BenchResult } from '../../../src/bench/result.js';
import type { ExchangeRow } from '../../../src/bench/exchange.js';
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
      rows: [{ keys: 1_000_000, treeNsPerWrite: treeNs, applyNsPerWrite: 6_000 }],
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
        exchange('merkle', 0.01, { ratio: 2.3, bodyBytes: 2_300, wallMs: 20 }),
        exchange('full', 0.01, { bodyBytes: 50_000_000, wallMs: 300 }),
      ],
      targets: [],
    };
    assert.deepEqual(
      checkTargets(result).map((t) => [t.name, t.measured, t.met]),
      [
        ['merkle: bytes/E at 1% of 100k keys <= 2.2', '2.30', false],
        ['merkle: identical replicas, round trips <= 1', '1', true],
        ['merkle: identical replicas, bytes <= 512 B', '600 B', false],
        ['vs full exchange at 1% of 100k: times fewer bytes >= 20x', '21739.1x', true],
        ['vs full exchange at 1% of 100k: times less time >= 5x', '15.0x', true],
      ],
    );
  });
});
