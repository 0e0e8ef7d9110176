// Parsing of option values shared by several commands: durations, addresses, node lists.
import { UsageError } from '../../errors.js';
import { checkAddress } from '../../api/checks.js';

/** Milliseconds in each unit a duration flag takes. */
export const UNITS: Record<'ms' | 's' | 'm' | 'h' | 'd', number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** "24h", "90s", "500ms", "2d" (a bare number is milliseconds) -> milliseconds. */
export function parseDuration(raw: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match)
    throw new UsageError(
      `${flag} takes a duration such as 500ms, 30s, 10m, 24h or 7d, not "${raw}".`,
    );
  const ms = Number(match[1]) * UNITS[(match[2] ?? 'ms') as keyof typeof UNITS];
  if (!(ms > 0) || !Number.isSafeInteger(Math.round(ms)))
    throw new UsageError(`${flag} must be a positive duration, not "${raw}".`);
  return Math.round(ms);
}

/** "host:port,host:port" -> checked addresses (empty string -> none). */
export function parseAddresses(raw: string | undefined, flag: string): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const address = part.trim();
    const checked = checkAddress(address);
    if (!checked.ok) throw new UsageError(`${flag}: ${checked.message}`);
    return address;
  });
}

/** The largest TCP port. */
export const MAX_PORT = 65535;

export function parsePort(value: unknown, flag: string, allowZero: boolean): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > MAX_PORT) {
    throw new UsageError(
      `${flag} must be a port number from ${allowZero ? 0 : 1} to ${MAX_PORT}, not "${String(value)}".`,
    );
  }
  return n;
}

export function parseCount(value: unknown, flag: string, min: number, max: number): number {
  const n = Number(value);
  // yargs hands a number flag given a word (--nodes two) over as NaN: there is no value to quote.
  const given = Number.isNaN(n) ? 'not a number' : `not "${String(value)}"`;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, ${given}.`);
  return n;
}

/** Default cluster addresses: node i on base-port + i - 1 (docs/cli.md). */
export function defaultAddresses(basePort: number, count: number, host = '127.0.0.1'): string[] {
  return Array.from({ length: count }, (_, i) => `${host}:${basePort + i}`);
}

export const DEFAULT_BASE_PORT = 9999;
export const DEFAULT_NODE_COUNT = 3;
