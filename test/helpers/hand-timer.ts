// A timer turned by hand, for loops that take their timer from outside (the round scheduler,
// the replay of hints): it remembers each delay asked for and fires only when told.
import assert from 'node:assert/strict';
import type { RoundTimer } from '../../src/node/sync/scheduler.js';

export class HandTimer implements RoundTimer {
  readonly delays: number[] = [];
  pending: (() => void) | undefined;
  set(fire: () => void, ms: number): unknown {
    this.delays.push(ms);
    this.pending = fire;
    return this.delays.length;
  }
  clear(): void {
    this.pending = undefined;
  }
  fire(): void {
    const fire = this.pending;
    assert.ok(fire, 'a timer is pending');
    this.pending = undefined;
    fire();
  }
}
