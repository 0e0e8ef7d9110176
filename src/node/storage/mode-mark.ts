// Which conflict mode wrote a data directory. An lww row holds a value and a siblings row a
// sibling set's text: a node of the other mode would serve one as the other, so it refuses to
// start there. A siblings node marks its directory; a directory without the mark is lww's (every
// directory written before the modes existed is).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConflictMode } from '../../api/conflicts.js';
import { NodeStartError } from '../errors.js';

/** The file that names the mode, beside the database. */
const MARK_FILE = 'conflict-mode';

/**
 * Checks the directory against this node's mode (`holdsEntries`: the directory had rows), and
 * marks a fresh directory a siblings node starts in. Throws storage_unavailable on a mismatch.
 */
export function checkModeMark(dir: string, mode: ConflictMode, holdsEntries: boolean): void {
  const file = path.join(dir, MARK_FILE);
  let marked: string | undefined;
  try {
    marked = readFileSync(file, 'utf8').trim();
  } catch {
    marked = undefined;
  }
  const written = marked ?? (holdsEntries ? 'lww' : undefined);
  if (written !== undefined && written !== mode)
    throw new NodeStartError(
      'storage_unavailable',
      `The data directory ${dir} was written with --conflicts ${written}; start this node with ` +
        `--conflicts ${written}, or give it another --data-dir.`,
    );
  if (mode !== 'lww' && marked === undefined) writeFileSync(file, `${mode}\n`);
}
