// Why a file named on the command line could not be read, in words a user knows rather than an
// errno code: "there is no such file", not "(ENOENT)".
const REASONS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/** The reason, for a sentence: "--given x.json: there is no such file". */
export function whyUnreadable(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return (e.code !== undefined ? REASONS[e.code] : undefined) ?? e.message ?? String(error);
}
