// Plain formatting shared by the screens: numbers, bytes, versions, hashes (no colour here).
import { formatWallClock, type Version } from '../../node/version.js';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** "12:51:07.123456" (and "+2" when the logical counter broke a tie within the microsecond). */
export function versionTime(v: Version): string {
  return `${formatWallClock(v.wall)}${v.logical > 0 ? `+${v.logical}` : ''}`;
}

export function shortHash(hex: string): string {
  return `${hex.slice(0, 6)}…`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "all three" for 3, "all 5" otherwise. */
export function allOf(n: number): string {
  const words = ['', 'one', 'both', 'all three', 'all four', 'all five'];
  return words[n] ?? `all ${n}`;
}

/** The tree node's position as hex digits, one per level: level 2, index 126 -> "7e". */
export function treePath(level: number, index: number): string {
  return level === 0 ? 'root' : index.toString(16).padStart(level, '0');
}

export function list(items: readonly string[], max = 3): string {
  if (items.length === 0) return '—';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} +${items.length - max} more` : shown;
}
