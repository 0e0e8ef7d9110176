// Prose for a terminal: wrapped at word boundaries to its width (colour codes take no room), so a
// sentence never breaks inside a word; continuation lines keep the first line's indent.
import { stripVTControlCharacters } from 'node:util';
import { commandLines } from './command-line.js';

/** Fewer columns than this and wrapping would do more harm than good: lines stay whole. */
const MIN_WRAP_COLUMNS = 40;

/** A number and its unit ("250.2 kB", "12 ms", "1,000 keys") are one word for wrapping. */
const UNIT_SPACE = /(?<=\d) (?=(?:B|kB|MB|GB|ms|s|entries|keys)\b)/g;

/** A command quoted in a sentence ("ae-demo put user:alice alice_data"): pasted, it must be whole. */
const QUOTED_COMMAND = /"ae-demo [^"]*"/g;
/** A quoted command and what follows it up to the next space ("ae-demo del user:alice".). */
const COMMAND_WORD = /^"(ae-demo [^"]*)"(\S*)$/;

/** The width to wrap the story to: the terminal's, or none when stdout is not a terminal. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : undefined;
}

/** Each line of `text` wrapped as `wrap` does, its continuation lines indented by `hanging`. */
export function wrapLines(text: string, width: number | undefined, hanging = '  '): string {
  return text
    .split('\n')
    .map((line) => wrap(line, width, hanging))
    .join('\n');
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
    .replace(QUOTED_COMMAND, (command) => command.replaceAll(' ', '\u00a0'))
    .split(' ')
    .map((w) => w.replaceAll('\u00a0', ' '));
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  // A word wider than a whole line (a long key) is broken, after its punctuation if it can be.
  const room = Math.max(1, width - visible(spaces + hanging));
  // eslint-disable-next-line no-control-regex -- ESC opens each colour code
  const trimEnd = (l: string) => l.replace(/ +((?:\x1b\[[\d;]*m)*)$/, '$1');
  for (const word of words) {
    // Runs of spaces that fall at a break are dropped rather than starting the next line.
    if (empty && word === '' && lines.length > 0) continue;
    breakWordOrCommand(word, room)
      .split('\n')
      .forEach((piece, k) => {
        if (k > 0 || (!empty && visible(line) + 1 + visible(piece) > width)) {
          lines.push(trimEnd(line));
          line = spaces + hanging;
          empty = true;
        }
        line += empty ? piece : ` ${piece}`;
        empty = false;
      });
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A quoted command stays on one line when it fits one, else it breaks between its words with a
 * trailing " \\" (a shell still reads the pasted lines as one command); any other word as
 * `breakWord` breaks it.
 */
function breakWordOrCommand(word: string, room: number): string {
  const command = COMMAND_WORD.exec(stripVTControlCharacters(word));
  if (!command || word.length <= room) return breakWord(word, room);
  const [, inner = '', after = ''] = command;
  return `"${commandLines(inner, room - 1 - after.length, '')}"${after}`;
}

/** Where a word too long for its room may break: after one of these ("alice_data_|from_|node1"). */
export const SOFT_BREAK_CHARS = /[_:,./-]/g;

/**
 * `word` broken onto lines of at most `max` visible characters, as late as it can: after
 * punctuation where the room has some, else at `max`. Colour codes take no room and stay in
 * place.
 */
export function breakWord(word: string, max: number): string {
  const visible = stripVTControlCharacters(word);
  if (visible.length <= max) return word;
  const cuts = new Set<number>();
  for (let from = 0; visible.length - from > max;) {
    const room = visible.slice(from, from + max);
    const soft = Math.max(0, ...[...room.matchAll(SOFT_BREAK_CHARS)].map((m) => m.index + 1));
    from += soft > 0 ? soft : max;
    cuts.add(from);
  }
  // The same places in the text with its colour codes: count visible characters only.
  let out = '';
  let seen = 0;
  // eslint-disable-next-line no-control-regex -- ESC opens a colour code
  for (const part of word.split(/(\x1b\[[\d;]*m)/)) {
    if (part.startsWith('\x1b')) {
      out += part;
      continue;
    }
    for (const ch of part) {
      if (cuts.has(seen)) out += '\n';
      out += ch;
      seen += 1;
    }
  }
  return out;
}
