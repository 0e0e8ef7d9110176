// A command a person copies from the terminal into a shell: wrapped to the terminal between
// words with a trailing backslash, so the pasted lines are still one command.
/** Continuation lines are indented this much further than the first. */
const CONTINUATION = '  ';
/** " \": what ends every line of a command but its last. */
const JOIN = ' \\';

/** The shell words of a command: runs of non-spaces, a quoted part (spaces and all) kept whole. */
const SHELL_WORD = /(?:'[^']*'|"[^"]*"|[^\s'"])+/g;

/**
 * `command` after `indent`, as lines no wider than `width` (when its words allow) that a shell
 * reads as one command: broken only between shell words, never inside quotes.
 */
export function commandLines(command: string, width: number | undefined, indent = '  '): string {
  const words = command.match(SHELL_WORD) ?? [];
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    const fresh = line.trim() === '';
    if (!fresh && width !== undefined && line.length + 1 + word.length + JOIN.length > width) {
      lines.push(`${line}${JOIN}`);
      line = `${indent}${CONTINUATION}${word}`;
    } else line += fresh ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** A word as the shell reads it literally: in single quotes, a quote inside written '\''. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
