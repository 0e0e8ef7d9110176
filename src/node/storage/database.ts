// The part of better-sqlite3's API the node uses, typed here: the driver is loaded only when a
// data directory is asked for (sqlite.ts), so its types are not imported.

export interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(toggle: boolean): Statement;
}

export interface Database {
  pragma(source: string, options?: { simple: boolean }): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  close(): void;
}
