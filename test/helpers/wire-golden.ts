// Golden anti-entropy messages: fixed inputs, one for each kind of message the exchange sends,
// whose bytes are kept in test/fixtures/wire/<name>.bin (written by test/fixtures/wire/make.ts).
// The inputs are what a decoder gives back: probe children below the root carry 4 bytes of
// digest and count 1, and a coded symbol's last word holds its 16-bit tag and an 8-bit count.
import { fileURLToPath } from 'node:url';
import type { AeMessage } from '../../src/node/sync/wire/message.js';
import type { RibltSection } from '../../src/node/sync/wire/riblt.js';
import { SAMPLE_BYTES } from '../../src/node/sync/riblt/estimate.js';
import { entry } from './replica.js';

/** Where the golden bytes are kept, in the source tree (not under dist/). */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/wire/', import.meta.url));

export interface Golden {
  name: string;
  message: AeMessage;
}

/** The seed scenario's clocks: versions written within milliseconds of each other. */
const WALL = 1_765_108_658_766_063;
const A = 'node-21000';
const B = 'node-21001';

function message(parts: Partial<AeMessage>): AeMessage {
  return { probes: [], lists: [], dumps: [], entries: [], wants: [], ...parts };
}

function riblt(parts: Partial<RibltSection>): RibltSection {
  return { wantPlaces: [], settle: false, ...parts };
}

/** 16 children, some empty: whole digests and counts (the root's), or 4 bytes and presence. */
function children(short: boolean, empty: readonly number[]) {
  return Array.from({ length: 16 }, (_, j) => {
    if (empty.includes(j)) return { digest: 0n, count: 0 };
    const digest = (0x9e3779b97f4a7c15n * BigInt(j + 1)) & 0xffffffffffffffffn;
    return short
      ? { digest: digest & 0xffffffffn, count: 1 }
      : { digest, count: 60 + ((j * 7) % 9) };
  });
}

export const GOLDEN: readonly Golden[] = [
  // The Merkle walk's first message: the root's 16 children.
  {
    name: 'root-probe',
    message: message({ probes: [{ level: 0, index: 0, children: children(false, [3, 11]) }] }),
  },
  // A step down the walk: a probe of a big subtree (short children), a list of a small one,
  // and a dump of a subtree the other side holds alone.
  {
    name: 'walk',
    message: message({
      probes: [{ level: 1, index: 10, children: children(true, [0]) }],
      lists: [
        {
          level: 2,
          index: 0xac,
          items: [
            {
              key: 'bg:1:000417',
              version: { wall: WALL - 1_200, logical: 0, node: A },
              check: 0x0badf00d,
            },
            {
              key: 'user:alice',
              version: { wall: WALL + 7_864, logical: 0, node: A },
              check: 0xfeedface,
            },
            { key: 'user:bob', version: { wall: WALL, logical: 3, node: B }, check: 7 },
          ],
        },
      ],
      dumps: [{ level: 2, index: 0x3f }],
    }),
  },
  // Entries to merge (a value, a UTF-8 value, a tombstone) and keys wanted back.
  {
    name: 'entries',
    message: message({
      entries: [
        entry('user:alice', 'alice_data_from_node2_DIFFERENT', WALL + 11_601, B),
        entry('ключ/🔑', 'é€😀', WALL + 5_000_000, A, 130),
        entry('user:carol', null, WALL, A, 2),
      ],
      wants: ['user:dave', 'bg:1:000002'],
    }),
  },
  // The rateless exchange's opening: the initiator's root and its symbols' fingerprints.
  {
    name: 'riblt-open',
    message: message({
      riblt: riblt({
        open: { digest: 0xabf3d5aa01234567n, count: 1002 },
        samples: Uint8Array.from({ length: SAMPLE_BYTES }, (_, i) => (i * 37 + 11) & 0xff),
      }),
    }),
  },
  // The opening after an exchange with this peer that ended in sync: the root alone.
  {
    name: 'riblt-open-root',
    message: message({ riblt: riblt({ open: { digest: 0xabf3d5aa01234567n, count: 1002 } }) }),
  },
  // The answer to a root-only opening when the roots differ: its root, samples and first batch.
  {
    name: 'riblt-symbols-samples',
    message: message({
      riblt: riblt({
        root: { digest: 0xa86a39bb76543210n, count: 1003 },
        symbols: { from: 0, words: Uint32Array.from([0x12345678, 0xf0, 0xf1e2d, 0x00051234]) },
        samples: Uint8Array.from({ length: SAMPLE_BYTES }, (_, i) => (i * 53 + 7) & 0xff),
      }),
    }),
  },
  // The responder's first batch of coded symbols, with its root.
  {
    name: 'riblt-symbols',
    message: message({
      riblt: riblt({
        root: { digest: 0xa86a39bb76543210n, count: 1002 },
        symbols: {
          from: 0,
          words: Uint32Array.from([
            0x12345678, 0xf0, 0xf1e2d, 0x00051234, 0xac000001, 0xee, 0xbeef1, 0x000f0001, 0, 0, 0,
            0,
          ]),
        },
      }),
    }),
  },
  // The initiator asks for more symbols.
  { name: 'riblt-more', message: message({ riblt: riblt({ more: { from: 3, count: 16 } }) }) },
  // Decoded: the initiator ships its newer entry, wants the peer's at a place, and settles.
  {
    name: 'riblt-settle',
    message: message({
      entries: [entry('user:alice', 'alice_data_from_node1', WALL + 7_864, A)],
      riblt: riblt({ wantPlaces: [0xac123456, 1], settle: true }),
    }),
  },
  // The responder cannot decode this difference: the Merkle walk instead, with the reason.
  {
    name: 'riblt-fallback',
    message: message({
      probes: [{ level: 0, index: 0, children: children(false, []) }],
      riblt: riblt({
        fallback:
          "about 900000 differing items (a key's two versions are two), more than 1048576 coded symbols decode (0 decoded in 262144)",
      }),
    }),
  },
];
