import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, initialState, type WebEvent } from '../../../src/web/model.js';
import { MAX_KEPT_EVENTS, Recorder } from '../../../src/web/recorder.js';
import { markLevel } from '../../../src/web/view/grid.js';
import { escape, html } from '../../../src/web/view/html.js';
import { regions } from '../../../src/web/view/page.js';
import { reportHtml } from '../../../src/web/view/report.js';
import { CSS } from '../../../src/web/view/style.js';
import { externalReferences, roundReport, sample, scriptedRun } from '../../helpers/web.js';

function replay(events: WebEvent[]) {
  const state = initialState();
  for (const e of events) apply(state, e);
  return state;
}

describe('web model: events add up to what the page shows', () => {
  it('puts phases before the first part into set-up and story events into the current part', () => {
    const state = replay(scriptedRun());
    assert.deepEqual(
      state.sections.map((s) => s.title),
      [
        'Setting up',
        'Direct writes',
        'Before anti-entropy',
        'Merkle trees',
        'Anti-entropy',
        'After anti-entropy',
      ],
    );
    assert.equal(state.sections[0]!.phases[0]!.summary, '3 nodes up');
    assert.deepEqual(state.sections[4]!.phases, [
      { title: 'round on node1', state: 'done', summary: '1 repaired' },
    ]);
    assert.equal(state.sections[4]!.events[0]!.type, 'exchange');
    assert.equal(state.verdict?.converged, true);
    assert.deepEqual(state.ended, { kept: false });
  });

  it('marks the wait for Next and clears it when the part starts', () => {
    const events = scriptedRun();
    const waitingAt = events.findIndex((e) => e.type === 'waiting');
    const waiting = replay(events.slice(0, waitingAt + 1));
    assert.equal(waiting.waiting, 'Direct writes');
    const header = regions(waiting, 'live').header.text;
    assert.match(header, /<button id="next"[^>]*>Next: Direct writes ▶<\/button>/);
    assert.match(header, /aria-disabled="false"/);
    const started = replay(events.slice(0, waitingAt + 2));
    assert.equal(started.waiting, null);
    assert.match(regions(started, 'live').header.text, /aria-disabled="true"/);
  });

  it('shows the whole agenda: parts played, the current one, the one Next starts, and those to come', () => {
    const events = scriptedRun();
    const waitingAt = events.findIndex((e) => e.type === 'waiting');
    const early = regions(replay(events.slice(0, waitingAt + 1)), 'live').timeline.text;
    assert.match(early, /<li class="next"><span class="num">1<\/span><div><b>Direct writes<\/b>/);
    assert.deepEqual(
      [...early.matchAll(/<li class="upcoming"><span class="num">(\d)<\/span><div>([^<]+)</g)].map(
        (m) => `${m[1]} ${m[2]}`,
      ),
      ['2 Before anti-entropy', '3 Merkle trees', '4 Anti-entropy', '5 After anti-entropy'],
    );
    const done = regions(replay(events), 'live').timeline.text;
    assert.doesNotMatch(done, /upcoming/);
    assert.match(done, /<li class="good current">/);
  });

  it('keeps the first divergent sample as the picture before repair, and lists the round that repaired', () => {
    const state = replay(scriptedRun());
    assert.deepEqual(
      state.divergent?.map((s) => s.root),
      ['r1', 'r2', 'r0'],
    );
    assert.deepEqual(
      state.samples.map((s) => s.root),
      ['r2', 'r2', 'r2'],
    );
    assert.equal(state.activity.length, 1);
    assert.deepEqual(state.activity[0]!.fullCost, { '127.0.0.1:2000': 250_000 });
    assert.equal(state.activity[0]!.ids['127.0.0.1:2000'], 'node2');
    assert.match(
      regions(state, 'live').activity.text,
      /<b>node1<\/b><ul><li class="repaired">⇄ node2: pulled user:alice <span class="dim">· 2 levels · 3 round trips · 634 B \(a full exchange: 250\.0 kB\)<\/span><\/li><\/ul>/,
    );
  });

  it('counts rounds that found every peer in sync instead of listing them', () => {
    const state = initialState();
    const at = '2026-11-27T12:00:00.000Z';
    const quiet = (seq: number) => ({ seq, at, report: roundReport('k', 'in_sync') });
    apply(state, {
      type: 'nodes',
      nodes: [sample('node1', 'r', null, undefined, [quiet(1), quiet(2)])],
      at,
    });
    apply(state, { type: 'nodes', nodes: [sample('node1', 'r', null, undefined, [quiet(3)])], at });
    assert.equal(state.quietRounds, 3);
    assert.equal(state.activity.length, 0);
    assert.match(regions(state, 'live').activity.text, /3 rounds found every peer in sync/);
  });
});

describe('recorder: what a page that connects or reconnects is sent', () => {
  it('sends a new page one snapshot of the state, a reconnecting page what it missed', () => {
    const recorder = new Recorder();
    assert.deepEqual(recorder.since(0), [], 'nothing yet');
    const events = scriptedRun();
    for (const e of events) recorder.emit(e);
    const fresh = recorder.since(0);
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0]!.id, events.length);
    const page = initialState();
    apply(page, fresh[0]!.event);
    assert.deepEqual(page, replay(events), 'the snapshot is the state the events add up to');
    assert.deepEqual(
      recorder.since(events.length - 2).map((e) => [e.id, e.event.type]),
      [
        [events.length - 1, 'verdict'],
        [events.length, 'end'],
      ],
    );
    assert.deepEqual(recorder.since(events.length), []);
  });

  it('keeps a bounded number of events however long it runs, and snapshots a page that fell behind', () => {
    const recorder = new Recorder();
    const at = '2026-11-27T12:00:00.000Z';
    const quiet = (seq: number) => ({ seq, at, report: roundReport('k', 'in_sync') });
    for (let i = 0; i < MAX_KEPT_EVENTS * 4; i++)
      recorder.emit({
        type: 'nodes',
        nodes: [
          sample(
            'node1',
            `r${i}`,
            null,
            { rounds: i, pulled: 0, pushed: 0 },
            i > 0 ? [quiet(i)] : [],
          ),
        ],
        at,
      });
    const behind = recorder.since(10);
    assert.equal(behind.length, 1);
    assert.equal(behind[0]!.event.type, 'snapshot');
    assert.equal(
      recorder.since(MAX_KEPT_EVENTS * 4 - MAX_KEPT_EVENTS).length,
      MAX_KEPT_EVENTS,
      'the kept tail',
    );
    assert.equal(recorder.state.quietRounds, MAX_KEPT_EVENTS * 4 - 1);
  });
});

describe('tree grid: which cells differ', () => {
  const level = (digests: string[]) => ({ digests, counts: digests.map(() => 1) });

  it('leaves a cell plain when every node agrees and colours each distinct digest', () => {
    assert.deepEqual(markLevel([level(['a', 'x']), level(['a', 'y']), level(['a', 'z'])]), [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
  });

  it('marks the majority apart from the node that differs', () => {
    assert.deepEqual(markLevel([level(['x']), level(['x']), level(['y'])]), [[-1], [-1], [1]]);
  });

  it('skips a node that did not answer', () => {
    assert.deepEqual(markLevel([level(['x']), null, level(['x'])]), [[0], [0], [0]]);
  });
});

describe('html: everything interpolated is text', () => {
  it('escapes values and keeps nested markup', () => {
    assert.equal(
      escape(`<a href="x">'&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    assert.equal(
      html`<b>${'<i>'}</b>${html`<i>${1}</i>`}${[null, false, 'x']}`.text,
      '<b>&lt;i&gt;</b><i>1</i>x',
    );
  });

  it('shows a hostile key as text in the page and the report', () => {
    const key = '<img src=x onerror=alert(1)>';
    const state = replay(scriptedRun(key));
    const page = Object.values(regions(state, 'live'))
      .map((h) => h.text)
      .join('');
    const report = reportHtml(state, CSS, 'now');
    for (const doc of [page, report]) {
      assert.ok(!doc.includes(key), 'the key appears unescaped');
      assert.ok(doc.includes('&lt;img src=x onerror=alert(1)&gt;'));
    }
  });
});

describe('report: one self-contained file', () => {
  const doc = reportHtml(replay(scriptedRun()), CSS, '2026-11-27T12:00:01.000Z');

  it('has the before and after tables, the tree path as SVG, the exchange table and the verdict', () => {
    assert.match(doc, /<table class="keys">[\s\S]*user:alice[\s\S]*NOT_FOUND/);
    assert.match(doc, /<svg class="tree"[\s\S]*leaf 7[\s\S]*user:alice[\s\S]*<\/svg>/);
    assert.match(
      doc,
      /<table class="exchange">[\s\S]*node1 ⇄ node2[\s\S]*repaired[\s\S]*250\.0 kB \(394× more\)/,
    );
    assert.match(doc, /✔ Converged:<\/b> 3 nodes, 10 keys/);
    assert.match(doc, /node2&#39;s write \(00:00:02\.000000\) is newer than node1&#39;s/);
    assert.match(doc, /<h3>Before repair<\/h3>[\s\S]*class="cell differs v1"/);
  });

  it('refers to nothing outside itself', () => {
    assert.deepEqual(externalReferences(doc), []);
    assert.match(doc, /<style>[\s\S]*prefers-color-scheme: dark[\s\S]*<\/style>/);
  });

  it('says when the run broke off instead of claiming a verdict', () => {
    const events = scriptedRun().filter((e) => e.type !== 'verdict' && e.type !== 'end');
    const broken = replay([...events, { type: 'end', kept: false, error: 'node3 did not answer' }]);
    assert.match(reportHtml(broken, CSS, 'now'), /No verdict:<\/b> node3 did not answer/);
  });
});
