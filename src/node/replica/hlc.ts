// Hybrid logical clock (Kulkarni et al.): versions follow wall time at microsecond resolution,
// yet a node that has seen a version always issues larger ones, whatever its own clock says.
import type { Version } from '../../api/version.js';

/** Returns the current wall time in microseconds since the epoch. Injected so tests control time. */
export type MicrosClock = () => number;

/** Reads the wall clock in whole milliseconds (Date.now) and a monotonic clock in microseconds. */
export interface ClockSources {
  readonly wallMs: () => number;
  readonly monoMicros: () => number;
}

const SYSTEM_SOURCES: ClockSources = {
  wallMs: Date.now,
  monoMicros: () => Number(process.hrtime.bigint() / 1000n),
};

/** Millisecond edges sampled at start-up: a second one catches a first that was preempted. */
const CALIBRATION_EDGES = 2;

/** Bounds the start-up calibration: about a millisecond of reads, even if the clock were stuck. */
const CALIBRATION_MAX_READS = 1_000_000;

/**
 * Wall time in microseconds that agrees across the processes of one machine to a few µs, so a
 * write made later on another node gets the later version (the guide's story). Every pair
 * (Date.now(), then the monotonic clock) bounds the offset between the two clocks from below,
 * since Date.now() rounds down and a late monotonic read only lowers the difference; the
 * largest bound seen is kept. Sampling across millisecond edges at start-up (about 1.5 ms) makes
 * it exact to the cost of a read. performance.timeOrigin, used before, is set once at start-up and is off by
 * as long as the process was preempted there (under load the guide's later write on node 2 can
 * then lose to node 1's earlier one).
 */
export function calibratedMicros(sources: ClockSources = SYSTEM_SOURCES, skewMs = 0): MicrosClock {
  const skew = skewMs * 1000;
  let offset = -Infinity;
  const sample = (): number => {
    const wall = sources.wallMs() * 1000;
    const mono = sources.monoMicros();
    if (wall - mono > offset) offset = wall - mono;
    return mono;
  };
  for (let edge = 0; edge < CALIBRATION_EDGES; edge++) {
    const first = sources.wallMs();
    for (let i = 0; i < CALIBRATION_MAX_READS && sources.wallMs() === first; i++) sample();
    sample();
  }
  return () => Math.floor(sample() + offset + skew);
}

/** The node's wall clock, shifted by --clock-skew-ms. */
export function systemMicros(skewMs = 0): MicrosClock {
  return calibratedMicros(SYSTEM_SOURCES, skewMs);
}

export class HybridClock {
  #wall = 0;
  #logical = 0;
  readonly #now: MicrosClock;
  readonly #node: string;

  constructor(node: string, now: MicrosClock) {
    this.#node = node;
    this.#now = now;
  }

  /** The node whose versions this clock issues. */
  get node(): string {
    return this.#node;
  }

  /** A new version for a local write, larger than every version issued or seen before. */
  tick(): Version {
    const pt = this.#now();
    if (pt > this.#wall) {
      this.#wall = pt;
      this.#logical = 0;
    } else {
      this.#logical += 1;
    }
    return { wall: this.#wall, logical: this.#logical, node: this.#node };
  }

  /** Advance past a version received from a peer, so our next write orders after it. */
  observe(seen: Version): void {
    const pt = this.#now();
    const wall = Math.max(this.#wall, seen.wall, pt);
    if (wall === this.#wall && wall === seen.wall) {
      this.#logical = Math.max(this.#logical, seen.logical) + 1;
    } else if (wall === this.#wall) {
      this.#logical += 1;
    } else if (wall === seen.wall) {
      this.#logical = seen.logical + 1;
    } else {
      this.#logical = 0;
    }
    this.#wall = wall;
  }

  /** The last issued or observed point, for persistence and diagnostics. */
  peek(): { wall: number; logical: number } {
    return { wall: this.#wall, logical: this.#logical };
  }
}
