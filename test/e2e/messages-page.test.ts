// The page's "Messages between nodes": replay --web of a recording shows the sequence diagram
// (an image named for its messages) and the table that lists them, at 1280×720 and 390×844, in
// light and dark, axe clean; no node is started. Each arrow takes the keyboard's focus (one tab
// stop, the arrow keys go on) and says what it carried. The report of the recording has both too.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { MessageRecord } from '../../src/api/messages.js';
import { auditEverywhere } from '../helpers/audit.js';
import {
  ARTIFACTS,
  browserAndTempDir,
  browserSkip,
  LAPTOP,
  STEP_TIMEOUT_MS,
} from '../helpers/chromium.js';
import { cli } from '../helpers/cli.js';
import { scriptedRun, withLiveRun } from '../helpers/web.js';

const skip = browserSkip();

/** An exchange of the seed story between node1 and node2, and replication before it. */
function messages(): MessageRecord[] {
  const m = (at: number, from: string, to: string, kind: MessageRecord['kind'], bytes: number) =>
    ({ type: 'message', at, from, to, kind, bytes }) satisfies MessageRecord;
  return [
    { ...m(10, 'node1', 'node2', 'replicate', 2048), entries: 20, keys: ['k1', 'k2'] },
    m(11, 'node2', 'node1', 'replicate', 7),
    { ...m(20, 'node1', 'node2', 'exchange:root', 155), digests: 16, probes: 1, level: 0 },
    { ...m(21, 'node2', 'node1', 'exchange:probe', 71), digests: 15, probes: 1, level: 1 },
    { ...m(22, 'node1', 'node2', 'exchange:list', 89), listed: 3, level: 2 },
    { ...m(23, 'node2', 'node1', 'exchange:entries', 73), entries: 1, keys: ['user:alice'] },
  ];
}

describe('messages between nodes on the page', { skip }, () => {
  const suite = browserAndTempDir('ae-demo-messages-');
  let file: string;
  before(async () => {
    file = path.join(suite.dir, 'run.jsonl');
    const head = { type: 'recording', format: 1, command: 'run', scenario: 'seed', nodes: 3 };
    const lines = [
      { ...head, messages: false, startedAt: '2026-11-27T12:00:00.000Z' },
      ...scriptedRun().map((event, i) => ({ type: 'event', at: i, event })),
      ...messages(),
    ];
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });

  it('replay --web draws the diagram and its table, axe clean at both sizes', async () => {
    await withLiveRun(['replay', file, '--web'], async ({ url }) => {
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      const diagram = page.getByRole('group', { name: /^Sequence diagram of 4 messages/ });
      await diagram.waitFor({ timeout: STEP_TIMEOUT_MS });
      const table = page.getByRole('table', { name: 'Messages between nodes' });
      assert.equal(await table.getByRole('row').count(), 1 + 2 + 4, 'head, 2 bands, 4 messages');
      await table.getByRole('cell', { name: 'exchange:root' }).waitFor();
      assert.match(await diagram.innerHTML(), /root 155 B/);
      assert.match(await diagram.innerHTML(), /replicate ×1 · 2\.0 kB/);
      const found = await auditEverywhere(page, 'messages-page');
      assert.deepEqual(found, []);
    });
  });

  it('each arrow takes the keyboard focus and says what it carried, as hover does', async () => {
    await withLiveRun(['replay', file, '--web'], async ({ url }) => {
      const page = await suite.browser.newPage({ viewport: LAPTOP });
      await page.goto(url);
      const diagram = page.getByRole('group', { name: /^Sequence diagram of 4 messages/ });
      await diagram.waitFor({ timeout: STEP_TIMEOUT_MS });
      const root = diagram.getByRole('img', { name: /node1 → node2, root 155 B/ });
      // Tab reaches the diagram once (its first arrow), then the arrow keys go on.
      await root.focus();
      const detail = page.locator('#msg-detail');
      assert.match(await detail.innerText(), /root 155 B: .*16 digests/);
      await page.keyboard.press('ArrowDown');
      const probe = diagram.getByRole('img', { name: /node2 → node1, probe 71 B/ });
      const focused = () => diagram.locator('.msg:focus').getAttribute('aria-label');
      assert.match((await focused()) ?? '', /probe 71 B/, 'the next arrow has the focus');
      assert.match(await detail.innerText(), /probe 71 B/);
      assert.equal(await probe.getAttribute('tabindex'), '0', 'the one tab stop moved with it');
      assert.equal(await root.getAttribute('tabindex'), '-1');
      await page.keyboard.press('End');
      const entries = diagram.getByRole('img', { name: /entries 73 B: .*user:alice/ });
      assert.equal(await focused(), await entries.getAttribute('aria-label'), 'the last arrow');
      // Pointing at an arrow says the same.
      await root.hover();
      assert.match(await detail.innerText(), /root 155 B/);
      await root.focus();
      await page.screenshot({ path: path.join(ARTIFACTS, 'messages-arrow-focus.png') });
    });
  });

  it('the report of the recording has the diagram and the table', async () => {
    const report = path.join(suite.dir, 'run.html');
    const r = await cli(['replay', file, '--report', report]);
    assert.equal(r.exitCode, 0, r.stderr);
    const page = await suite.browser.newPage({ viewport: LAPTOP });
    await page.setContent(await readFile(report, 'utf8'));
    await page.getByRole('group', { name: /^Sequence diagram of 4 messages/ }).waitFor();
    await page.getByRole('table', { name: 'Messages between nodes' }).waitFor();
    assert.deepEqual(await auditEverywhere(page, 'messages-report'), []);
  });
});
