// Which way the live page scrolls to show a part's key content (src/web/follow.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followScroll, spanning } from '../../../src/web/follow.js';

const view = { top: 100, bottom: 700 };

describe('followScroll: show the most that fits, moving as little as possible', () => {
  it('stays put when the first wanted span is already in view', () => {
    assert.equal(followScroll(view, [{ top: 120, bottom: 690 }]), 0);
  });

  it('scrolls down just enough to bring a span below the fold to the bottom edge', () => {
    assert.equal(followScroll(view, [{ top: 400, bottom: 950 }]), 250);
  });

  it('scrolls up when the span starts above the view', () => {
    assert.equal(followScroll(view, [{ top: -50, bottom: 300 }]), -150);
  });

  it('falls back to a smaller span when the larger one is taller than the view', () => {
    const withCards = { top: 100, bottom: 1000 };
    const titled = { top: 450, bottom: 980 };
    assert.equal(followScroll(view, [withCards, titled]), 280);
  });

  it('puts the top of the last span at the top when nothing fits', () => {
    assert.equal(
      followScroll(view, [
        { top: 0, bottom: 2000 },
        { top: 800, bottom: 1500 },
      ]),
      700,
    );
    assert.equal(followScroll(view, []), 0);
  });
});

describe('spanning', () => {
  it('covers every span given, in any order', () => {
    assert.deepEqual(spanning({ top: 300, bottom: 400 }, { top: 100, bottom: 200 }), {
      top: 100,
      bottom: 400,
    });
  });
});
