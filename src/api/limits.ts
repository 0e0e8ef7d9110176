// The limits of the node's HTTP API, said once: the node enforces them, the CLI and the live
// page check input against them before a request is sent.

/** Keys are 1..1024 bytes of UTF-8 (spec). */
export const MAX_KEY_BYTES = 1024;
/** A node id is 1..128 bytes of printable UTF-8: room for a host:port or a name, small on the wire. */
export const MAX_NODE_ID_BYTES = 128;
/** Default value limit: 1 MiB of UTF-8 (spec); `--max-value-bytes` changes it. */
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

/** Pages of GET /kv: default and maximum number of items. */
export const LIST_DEFAULT_LIMIT = 100;
export const LIST_MAX_LIMIT = 1000;

/** The longest periodic anti-entropy interval (a day), as `--ae-interval` and POST /admin/interval accept. */
export const MAX_AE_INTERVAL_MS = 86_400_000;

/**
 * The largest `--ae-peers-per-round`: a node cannot have more peers than there are ports, and any
 * K at or above its number of peers means all of them (the default).
 */
export const MAX_PEERS_PER_ROUND = 65_535;
