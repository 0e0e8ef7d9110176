// The page's controls as markup: shown only when the state says so, named for their node, and
// the forms' fields labelled with exactly the names the issue gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, initialState, type WebEvent } from '../../../src/web/model.js';
import { regions } from '../../../src/web/view/page.js';
import { reportHtml } from '../../../src/web/view/report.js';
import { sample, scriptedRun } from '../../helpers/web.js';

function replay(events: WebEvent[]) {
  const state = initialState();
  for (const e of events) apply(state, e);
  return state;
}

/** Each button's accessible name: its text, visually hidden parts included. */
const buttons = (markup: string) =>
  [...markup.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
/** Each button's visible label: its text without the visually hidden parts. */
const visible = (markup: string) =>
  [...markup.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) =>
    m[1]!.replace(/<span class="visually-hidden">[^<]*<\/span>/g, ''),
  );

describe('page controls (markup)', () => {
  it('are absent while the story plays and in the report', () => {
    const state = replay(scriptedRun());
    const page = regions(state, 'live');
    assert.deepEqual(buttons(page.cards.text), []);
    assert.equal(page.actions.text, '');
    assert.doesNotMatch(reportHtml(state, '', 'now'), /data-action/);
  });

  it('name every node button, and a killed node offers only Restart', () => {
    const run = scriptedRun();
    const state = replay([
      ...run,
      { type: 'end', kept: true },
      { type: 'controls', shown: true, killed: ['node3'] },
      {
        type: 'nodes',
        at: 'now',
        nodes: [
          sample('node1', 'r', null),
          { ...sample('node2', 'r', null), status: 'cut-off', cut: ['node1', 'node3'] },
          { ...sample('node3', '', null), status: 'down', root: null },
        ],
      },
    ]);
    const { cards, actions } = regions(state, 'live');
    assert.deepEqual(buttons(cards.text), [
      'Cut off node1',
      'Kill node1',
      'Trigger anti-entropy on node1',
      'Heal node2',
      'Kill node2',
      'Trigger anti-entropy on node2',
      'Restart node3',
    ]);
    // The header names the node, so the labels do not repeat it: three fit one row of a card.
    assert.deepEqual(visible(cards.text), [
      'Cut off',
      'Kill',
      'Trigger anti-entropy',
      'Heal',
      'Kill',
      'Trigger anti-entropy',
      'Restart',
    ]);
    assert.match(cards.text, /killed from the page/);
    for (const label of ['Key', 'Value', 'Node', 'Anti-entropy interval \\(ms\\)'])
      assert.match(actions.text, new RegExp(`<label for="f-[a-z]+">${label}</label>`));
    assert.match(actions.text, /type="checkbox"> Direct \(no replication\)<\/label>/);
    assert.deepEqual(buttons(actions.text), ['Write', 'Delete', 'Read from all', 'Set interval']);
    assert.match(actions.text, /<option value="node3">node3<\/option>/);
  });

  it('go away when the nodes stop', () => {
    const state = replay([
      ...scriptedRun(),
      { type: 'controls', shown: true, killed: [] },
      { type: 'end', kept: false },
    ]);
    assert.equal(state.controls, false);
    assert.equal(regions(state, 'live').actions.text, '');
  });
});
