// Versions and their total order: wall, then logical, then node id (plain string comparison).
// Ties between different contents at one version are broken in store.ts (tombstone, then digest).

export interface Version {
  /** Microseconds since the epoch, from the accepting node's hybrid clock. */
  readonly wall: number;
  /** Breaks ties within one microsecond. */
  readonly logical: number;
  /** Id of the node that accepted the write. */
  readonly node: string;
}

/** Negative when a < b, positive when a > b, 0 when the versions are the same. */
export function compareVersions(a: Version, b: Version): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.logical !== b.logical) return a.logical < b.logical ? -1 : 1;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return 0;
}

/** "12:51:07.123456" in UTC, the microsecond detail that decides a winner. */
export function formatWallClock(wallMicros: number): string {
  const ms = Math.floor(wallMicros / 1000);
  const micros = String(wallMicros % 1_000_000).padStart(6, '0');
  const iso = new Date(ms).toISOString();
  return `${iso.slice(11, 19)}.${micros}`;
}
