// The tree key: what the tree's placement and digest hashes are keyed with on the nodes of a
// cluster that has a cluster key, and the fingerprint that names it without giving it away.
// Both are drawn from the cluster key, never the key itself, so that every node (and a
// simulation given the key) derives the same ones:
//   tree key    = HMAC-SHA256(cluster key, "ae-demo tree hashes"), its first 16 bytes as four
//                 32-bit words (two for placement, two for the digests; hash.ts)
//   fingerprint = SHA-256("ae-demo tree key fingerprint" ‖ those 16 bytes), its first 8 bytes
//                 in hex
// Without a cluster key there is no tree key: the public hashes, and no fingerprint.
import { createHash, createHmac } from 'node:crypto';
import type { TreeKeying } from '../../api/http.js';

/** The HMAC message the tree key is drawn with (a label, so other keys drawn differ). */
const TREE_KEY_LABEL = 'ae-demo tree hashes';
/** What the fingerprint hashes before the tree key, so it is no other hash of those bytes. */
const FINGERPRINT_LABEL = 'ae-demo tree key fingerprint';
/** Bytes of the tree key: four 32-bit HalfSipHash key words. */
const TREE_KEY_BYTES = 16;
/** Bytes of the fingerprint: 64 bits, so two keys in use never share one by chance. */
const FINGERPRINT_BYTES = 8;

/** The four words the tree's hashes are keyed with. */
export type TreeKeyWords = readonly [number, number, number, number];

function treeKeyBytes(clusterKey: string): Buffer {
  return createHmac('sha256', clusterKey)
    .update(TREE_KEY_LABEL)
    .digest()
    .subarray(0, TREE_KEY_BYTES);
}

/** The tree key of a cluster key, as the hashes take it. */
export function treeKeyWords(clusterKey: string): TreeKeyWords {
  const bytes = treeKeyBytes(clusterKey);
  const word = (at: number) => bytes.readInt32LE(at);
  return [word(0), word(4), word(8), word(12)];
}

/**
 * The fingerprint of a cluster key's tree key (16 hex digits): equal on every node of the
 * cluster, different under another key; it names the tree key without revealing it.
 */
export function treeKeyFingerprint(clusterKey: string): string {
  return createHash('sha256')
    .update(FINGERPRINT_LABEL)
    .update(treeKeyBytes(clusterKey))
    .digest()
    .subarray(0, FINGERPRINT_BYTES)
    .toString('hex');
}

export type { TreeKeying };

/** The tree keying of nodes with this cluster key (none: the public hashes). */
export function treeKeying(clusterKey: string | undefined): TreeKeying {
  return clusterKey === undefined
    ? { keyed: false }
    : { keyed: true, keyFingerprint: treeKeyFingerprint(clusterKey) };
}
