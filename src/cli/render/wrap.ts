// Prose for a terminal: wrapped at word boundaries to its width (colour codes take no room), so a
// sentence never breaks inside a word; continuation lines keep the first line's indent.
import { stripVTControlCharacters } from 'node:util';

/** Fewer columns than this and wrapping would do more harm than good: lines stay whole. */
const MIN_WRAP_COLUMNS = 40;

/** A number and its unit ("250.2 kB", "12 ms", "1,000 keys") are one word for wrapping. */
const UNIT_SPACE = /(?<=\d) (?=(?:B|kB|MB|GB|ms|s|entries|keys)\b)/g;

/** The width to wrap the story to: the terminal's, or none when stdout is not a terminal. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : undefined;
}

/** `text` (one line, starting with its indent) as lines no wider than `width`. */
export function wrap(text: string, width: number | undefined, hanging = ''): string {
  if (width === undefined || width < MIN_WRAP_COLUMNS) return text;
  const visible = (s: string) => stripVTControlCharacters(s).length;
  if (visible(text) <= width) return text;
  // The indent may follow the colour codes that open the line (chalk.dim('   …')).
  // eslint-disable-next-line no-control-regex -- ESC opens each colour code
  const opening = /^(?:\x1b\[[\d;]*m)*( *)/.exec(text)!;
  const lead = opening[0];
  const spaces = opening[1] ?? '';
  const words = text
    .slice(lead.length)
    .replace(UNIT_SPACE, '\u00a0')
    .split(' ')
    .map((w) => w.replaceAll('\u00a0', ' '));
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (const word of words) {
    // Runs of spaces that fall at a break are dropped rather than starting the next line.
    if (empty && word === '' && lines.length > 0) continue;
    if (!empty && visible(line) + 1 + visible(word) > width) {
      lines.push(line);
      line = spaces + hanging;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
