// run --record and ae-demo replay: the replay prints the screen and the JSON document the run
// printed, byte for byte, without starting a node; the recording's messages add up to each
// round's bytes; ShiViz gets every message; a file that is not a recording is refused (exit 2).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

let dir: string;

async function recordedRun(extra: string[]): Promise<{ out: string; file: string; code?: number }> {
  const base = await freeBasePort(3);
  const file = path.join(dir, `run-${base}.jsonl`);
  const r = await cli(['run', '--base-port', String(base), '--record', file, ...extra]);
  assert.equal(r.exitCode, 0, r.stderr);
  await portsReleased(portRange(base));
  return { out: r.stdout, file };
}

describe('record and replay', () => {
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-record-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('replay prints the screen the run printed, messages included, byte for byte', async () => {
    const run = await recordedRun(['--messages', '--keys', '300']);
    assert.match(run.out, /→ root +16 digests at level 0 +\d+ B/);
    for (const line of run.out.split('\n').filter((l) => /^ {5}[→←]/.test(l)))
      assert.ok(line.length <= 80, `a message line fits 80 columns: ${line}`);
    const replay = await cli(['replay', run.file]);
    assert.equal(replay.exitCode, 0, replay.stderr);
    assert.equal(replay.stdout, run.out);

    // The recording's messages of each exchange add up to the bytes its round reported.
    const lines = (await readFile(run.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines[0].format, 1);
    const messages = lines.filter((l) => l.type === 'message');
    const exchanges = lines.filter((l) => l.type === 'event' && l.event.event?.type === 'exchange');
    assert.ok(exchanges.length > 0 && messages.some((m) => m.kind === 'replicate'));
    for (const { event } of exchanges) {
      const report = event.event.report;
      for (const p of report.peers) {
        const mine = messages.filter(
          (m) =>
            m.exchange?.initiator === report.node &&
            m.exchange.round === report.round &&
            m.exchange.peer === p.peer,
        );
        const sum = mine.reduce((n: number, m: { bytes: number }) => n + m.bytes, 0);
        assert.equal(sum, p.bytes.sent + p.bytes.received);
      }
    }

    // ShiViz: the parser line, an empty line, then a send and a receive for every message.
    const shiviz = path.join(dir, 'run.shiviz');
    const exported = await cli(['replay', run.file, '--export-shiviz', shiviz]);
    assert.equal(exported.exitCode, 0, exported.stderr);
    const log = (await readFile(shiviz, 'utf8')).trimEnd().split('\n');
    assert.equal(log[1], '');
    assert.equal(log.length - 2, 2 * messages.length);
    assert.match(log[2]!, /^node-\d+ \{"node-\d+":1\} send /);
  });

  it('replay --json prints the document run --json printed, byte for byte', async () => {
    const run = await recordedRun(['--json', '--keys', '100', '--ae-strategy', 'riblt']);
    const replay = await cli(['replay', run.file, '--json']);
    assert.equal(replay.exitCode, 0, replay.stderr);
    assert.equal(replay.stdout, run.out);
    const doc = JSON.parse(replay.stdout);
    const peer = doc.antiEntropy[0].peers[0];
    assert.equal(peer.receipt.bytes, peer.bytes.sent + peer.bytes.received);
  });

  it('a file that is not a recording, or of another format, is refused with exit 2', async () => {
    const cases: [string, string, RegExp][] = [
      ['text.jsonl', 'hello\n', /is not an ae-demo recording/],
      ['future.jsonl', '{"type":"recording","format":99}\n', /format 99, and this build reads/],
      [
        'damaged.jsonl',
        '{"type":"recording","format":1,"command":"run"}\n{"type":"nonsense"}\n',
        /Line 2 of .* is not part of a recording/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      const r = await cli(['replay', file]);
      assert.equal(r.exitCode, 2, name);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one sentence');
      assert.equal(r.stdout, '');
    }
    const missing = await cli(['replay', path.join(dir, 'none.jsonl')]);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /no such file/);
  });
});
