// The per-connection count of unanswered requests: a malformed request behind one still being
// answered waits, and the connection closes once that answer is out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Connections } from '../../../src/node/http/connections.js';

function socket() {
  return {
    closes: 0,
    destroySoon() {
      this.closes += 1;
    },
  };
}

describe('connections: unanswered requests per socket', () => {
  it('a malformed request on an idle connection is answered at once', () => {
    const c = new Connections();
    const s = socket();
    assert.equal(c.malformed(s), true);
    c.started(s);
    c.answered(s);
    assert.equal(c.malformed(s), true, 'answered requests leave the connection idle');
    assert.equal(s.closes, 0);
  });

  it('behind an answer still being written, it is not answered; the close follows that answer', () => {
    const c = new Connections();
    const s = socket();
    c.started(s);
    c.started(s);
    assert.equal(c.malformed(s), false);
    assert.equal(s.closes, 0, 'nothing closes while answers are pending');
    c.answered(s);
    assert.equal(s.closes, 1, 'the connection closes once an answer is out');
  });

  it('counts each socket on its own', () => {
    const c = new Connections();
    const busy = socket();
    const idle = socket();
    c.started(busy);
    assert.equal(c.malformed(idle), true);
    assert.equal(c.malformed(busy), false);
    c.answered(busy);
    assert.equal(idle.closes, 0);
    assert.equal(busy.closes, 1);
  });
});
