// got, the HTTP client every node client here uses, imported once and on first use.
import type { Got } from 'got';

let gotLoaded: Promise<Got> | undefined;

/**
 * got, imported once; `run` calls this as it forks its nodes, so that loading it (~0.1 s) overlaps
 * their start instead of delaying the first request.
 */
export function loadGot(): Promise<Got> {
  gotLoaded ??= import('got').then(({ got }) => got);
  return gotLoaded;
}
