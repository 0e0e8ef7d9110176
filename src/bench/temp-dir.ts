// The benchmark's scratch folders (its nodes' data directories), removed however the run ends:
// by the phase once it is done, or as the process exits when Ctrl-C ends it first (the closing
// line exits at once, so a phase's own `finally` never runs).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Folders made and not yet removed. */
const left = new Set<string>();

function removeLeft(): void {
  for (const dir of left) rmSync(dir, { recursive: true, force: true });
  left.clear();
}

/** Runs `work` with a fresh folder under the system's temporary folder, then removes it. */
export async function withBenchDir<T>(
  prefix: string,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (left.size === 0) process.once('exit', removeLeft);
  left.add(dir);
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    left.delete(dir);
    if (left.size === 0) process.off('exit', removeLeft);
  }
}
