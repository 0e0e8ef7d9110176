// The x-ae-* header names of the HTTP API, said once for the node and its clients.

/** Names the node that answered: every answer of a route has it. */
export const NODE_HEADER = 'x-ae-node';
/** Carries the shared cluster key on internal and admin routes. */
export const CLUSTER_KEY_HEADER = 'x-ae-cluster-key';
/** Names the sending node on internal routes (fault injection drops cut-off senders). */
export const FROM_HEADER = 'x-ae-from';
/** Names the sender's conflict mode on internal routes when it is not lww (absent: lww). */
export const CONFLICTS_HEADER = 'x-ae-conflicts';
/**
 * Names the sender's tree key on internal routes by its fingerprint (absent: the public tree
 * hashes): nodes that hash their trees differently would compare different roots forever.
 */
export const TREE_KEY_HEADER = 'x-ae-tree-key';
/** Names what a message on the peer route carries (PeerMessageKind); absent: anti-entropy. */
export const KIND_HEADER = 'x-ae-kind';
