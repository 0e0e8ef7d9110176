// Every tunable number of the node, named once, with the reason for its value.

/** A body may exceed the value limit by this much (JSON quoting, other fields) before 413 (spec). */
export const BODY_SLACK_BYTES = 64 * 1024;
/**
 * Internal peer routes carry batches of entries (anti-entropy, full exchange): allow more, but
 * still a hard cap so a stranger cannot make the node buffer without end.
 */
export const INTERNAL_BODY_LIMIT_BYTES = 256 * 1024 * 1024;

/** Node's own HTTP limits: headers beyond this get 431, so no one fills memory with headers. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** A client has this long to send its headers (slowloris guard). */
export const HEADERS_TIMEOUT_MS = 5_000;
/** A client has this long to send a whole request, body included (dribbling bodies). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** How often the server looks for requests past those timeouts (Node's default is 30 s). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** Idle kept-alive connections are closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Every call to a peer (replication, anti-entropy step) gives up after this. */
export const PEER_TIMEOUT_MS = 1_000;
/** At most this many sockets per peer, so a burst of writes cannot open unbounded connections. */
export const MAX_SOCKETS_PER_PEER = 64;

/** Shutdown: requests in flight get this long to finish before connections are cut. */
export const SHUTDOWN_GRACE_MS = 1_500;

/** Default tombstone lifetime (spec: 24h). */
export const DEFAULT_TOMBSTONE_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * The background scrub reads every stored row back this often (--scrub-interval): at 1M rows a
 * pass costs a few seconds of CPU (docs/benchmarks.md), so hourly is well under 1% of a core,
 * and damage is still found long before most restarts would meet it.
 */
export const DEFAULT_SCRUB_INTERVAL_MS = 60 * 60 * 1000;
/** Expired tombstones are also purged on this timer (and before every exchange and tree read). */
export const TOMBSTONE_SWEEP_MS = 60_000;

/**
 * Hinted handoff is on, and a hint is kept 3 h (spec; Cassandra's max_hint_window too): long
 * enough for a restart or a short outage, after which only anti-entropy repairs what was missed.
 */
export const DEFAULT_HINT_WINDOW_MS = 3 * 60 * 60 * 1000;
export const DEFAULT_HINTS = { enabled: true, windowMs: DEFAULT_HINT_WINDOW_MS } as const;

/** Periodic rounds wait interval ± this fraction, so nodes started together do not sync in lockstep. */
export const AE_JITTER_FRACTION = 0.2;
/**
 * The first message of an exchange is the root's children (or, for the full strategy, sized by
 * the rule below): any live peer answers it at once, so a peer silent this long is unreachable.
 * Short, so one silent peer cannot hold a round (a silent peer once held one for 10 s).
 */
export const AE_FIRST_MESSAGE_TIMEOUT_MS = 1_000;
/** Later messages of an exchange carry key lists and entries: a longer base, as before. */
export const AE_LATER_MESSAGE_TIMEOUT_MS = 10_000;
/**
 * Every message also gets 1 ms per this many bytes it carries (1 MB/s, far below loopback or a
 * LAN), so a large legitimate batch of entries is never cut off by the base timeout.
 */
export const AE_TIMEOUT_BYTES_PER_MS = 1_000;
/**
 * An exchange message that gets no answer is sent again (the same bytes) after a wait derived
 * from the round trips measured (retry.ts), never sooner than this: a loopback round trip takes
 * about a millisecond, but a timer tick or a garbage-collector pause on a loaded machine holds an
 * answer up for several, and a copy sent then would only double the peer's work.
 */
export const AE_RETRY_MIN_MS = 20;
/**
 * The wait before any round trip was measured: a quarter of the first message's 1 s deadline,
 * so a lost opening is sent again within it even on a node's first round.
 */
export const AE_RETRY_INITIAL_MS = 250;
/**
 * A measured wait is never longer than this, the first message's deadline (a longer one could
 * never send the opening again), so one loss costs at most about a round at the default
 * interval. It is not shorter because a peer answering a large store (a riblt opening at 1M
 * keys) takes hundreds of ms to answer: a copy sent then would double the peer's work.
 */
export const AE_RETRY_MAX_MS = 1_000;
/**
 * At most this many copies of one message (the first included). Under 30% loss each way a copy
 * and its answer both arrive 49% of the time, so eight copies leave 0.5% of messages
 * unanswered (0.51^8); each copy waits twice as long as the one before, so a peer that is slow
 * rather than lossy gets a few copies, not eight.
 */
export const AE_MAX_SENDS = 8;
/** A safety cap on the messages of one exchange; the protocol needs at most ~2 per tree level. */
export const AE_MAX_ROUND_TRIPS = 24;

/** /metrics samples the event-loop delay this often (prom-client's default precision). */
export const LOOP_DELAY_RESOLUTION_MS = 10;
