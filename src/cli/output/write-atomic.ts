// Files the CLI leaves for a reader (reports, plots) are written whole to a temporary file in the
// same folder and renamed over the target, so a reader (or a crash half-way) never sees half a file.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to `file` atomically (a temporary sibling, then rename). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
