// Hybrid logical clock (Kulkarni et al.): versions follow wall time at microsecond resolution,
// yet a node that has seen a version always issues larger ones, whatever its own clock says.
import type { Version } from './version.js';

/** Returns the current wall time in microseconds since the epoch. Injected so tests control time. */
export type MicrosClock = () => number;

/** Wall clock at microsecond resolution: performance.timeOrigin + now() gives sub-ms precision. */
export function systemMicros(skewMs = 0): MicrosClock {
  const origin = performance.timeOrigin;
  return () => Math.floor((origin + performance.now() + skewMs) * 1000);
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
