// The three repair paths on the page and in the report, as markup: each card's hints and repairs,
// the Hinted handoff switch as the nodes said it, and a repaired entry tagged with its path in words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, initialState, type NodeSample, type WebEvent } from '../../../src/web/model.js';
import { regions } from '../../../src/web/view/page.js';
import { reportHtml } from '../../../src/web/view/report.js';
import type { KeyState } from '../../../src/cluster/key-state.js';
import type { Via } from '../../../src/api/repair.js';
import { sample, scriptedRun } from '../../helpers/web.js';

const VERSION = { wall: 1_700_000_000_000, logical: 0, node: 'node1' };

function held(node: string, via: Via, value = 'one'): KeyState {
  return { node, address: `a-${node}`, state: 'value', value, version: VERSION, via };
}

function live(nodes: NodeSample[], controls = true) {
  const state = initialState();
  const events: WebEvent[] = [
    ...scriptedRun(),
    { type: 'end', kept: true },
    ...(controls ? [{ type: 'controls' as const, shown: true, killed: [] }] : []),
    { type: 'nodes', at: 'now', nodes },
  ];
  for (const e of events) apply(state, e);
  return state;
}

const switchOf = (markup: string) => /<button[^>]*role="switch"[^>]*>/.exec(markup)?.[0] ?? '';

describe('repair paths on the page (markup)', () => {
  it('each card counts pending hints and the entries repaired by each path', () => {
    const busy = {
      ...sample('node1', 'r', null),
      hints: { enabled: true, pending: 3 },
      repaired: { hint: 2, readRepair: 1, antiEntropy: 5 },
    };
    const down = { ...sample('node3', '', null), status: 'down' as const, root: null };
    const { cards } = regions(live([busy, sample('node2', 'r', null), down]), 'live');
    const text = cards.text.replace(/<[^>]+>/g, '');
    assert.match(text, /hints pending 3\s+repaired by hint 2 read repair 1 anti-entropy 5/);
    assert.match(text, /hints pending 0\s+repaired by hint 0/);
    // A node that is down says nothing of its hints: the two that answered do.
    assert.equal(cards.text.match(/class="repairs"/g)?.length, 2);
  });

  it('the switch shows what the nodes said: on, off, or on some only', () => {
    const on = regions(live([sample('node1', 'r', null), sample('node2', 'r', null)]), 'live');
    assert.match(switchOf(on.switches.text), /aria-checked="true"/);
    assert.match(on.switches.text, />Hinted handoff</);
    assert.match(on.switches.text, /On: a write a peer missed is kept/);
    const off = (s: NodeSample): NodeSample => ({ ...s, hints: { enabled: false, pending: 0 } });
    const mixed = live([sample('node1', 'r', null), off(sample('node2', 'r', null))]);
    const shown = regions(mixed, 'live').switches.text;
    assert.match(switchOf(shown), /aria-checked="false"/);
    assert.match(shown, /On on node1, off on node2: pressing it turns it on everywhere/);
    const allOff = live([off(sample('node1', 'r', null)), off(sample('node2', 'r', null))]);
    assert.match(regions(allOff, 'live').switches.text, /Off: a write a peer missed waits/);
    // No controls (a story plays): no switch, and no table of the page's keys.
    const playing = regions(live([sample('node1', 'r', null)], false), 'live');
    assert.equal(playing.switches.text, '');
    assert.equal(playing.watched.text, '');
  });

  it('a node that did not say leaves the switch and its words as the others said', () => {
    const quiet = { ...sample('node2', 'r', null), hints: { enabled: null, pending: 0 } };
    const shown = regions(live([sample('node1', 'r', null), quiet]), 'live').switches.text;
    assert.match(switchOf(shown), /aria-checked="true"/);
    assert.match(shown, /On: a write a peer missed is kept/);
  });

  it('a key the page acted on is tagged with the path that repaired it, per node', () => {
    const watch = (s: NodeSample, k: KeyState): NodeSample => ({ ...s, watched: { 'demo:h': k } });
    const nodes = [
      watch(sample('node1', 'r', null), held('node1', 'client')),
      watch(sample('node2', 'r', null), held('node2', 'replication')),
      watch(sample('node3', 'r', null), held('node3', 'hint')),
    ];
    const { watched } = regions(live(nodes), 'live');
    // Every node holds the same version: one row, its tag naming the node the hint repaired.
    assert.match(watched.text, /<span class="via hint"[^>]*>repaired by hint on node3<\/span>/);
    assert.doesNotMatch(watched.text, /by read repair on|by anti-entropy on|replication/);
    // The section's own legend says what each tag means.
    assert.match(watched.text, /<ul class="via-key">/);
    const stale = watch(sample('node3', 'r', null), { ...held('node3', 'anti-entropy', 'zero') });
    const apart = regions(live([nodes[0]!, nodes[1]!, stale]), 'live').watched.text;
    assert.match(
      apart,
      /zero <span class="via anti-entropy"[^>]*>repaired by anti-entropy<\/span>/,
    );
  });

  it('the legend says what each tag means, on the page and in the report alike', () => {
    const state = live([sample('node1', 'r', null)]);
    const report = reportHtml(state, '', 'now');
    for (const words of ['by hint', 'by read repair', 'by anti-entropy'])
      assert.match(report, new RegExp(`<span class="via [a-z-]+">repaired ${words}</span>`));
    assert.match(report.replace(/<[^>]+>/g, ''), /hints pending 0\s+repaired by hint 0/);
    assert.doesNotMatch(report, /role="switch"/);
  });
});
