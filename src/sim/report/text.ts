// Text measures for laying out SVG without a browser (pure): an estimated width per character,
// generous so labels never clip, and word wrapping into lines that fit a width.
import { textWidth as measured } from '../../text-measure.js';
import { PLOT_CHAR_EM, PLOT_FONT_PX } from './constants.js';

/** Estimated width of `text` in px at the plot's font size. */
export function textWidth(text: string, fontPx = PLOT_FONT_PX): number {
  return measured(text, fontPx, PLOT_CHAR_EM);
}

/** Words of `text` in lines no wider than `width` (a word longer than that gets a line of its own). */
export function wrap(text: string, width: number, fontPx = PLOT_FONT_PX): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontPx) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A count with thousands separators: 1,024. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Bytes in B, kB or MB (decimal units, as the benchmark prints them). */
export function formatBytes(n: number): string {
  if (n === 0) return '0';
  if (Math.abs(n) < 1000) return `${formatCount(n)} B`;
  if (Math.abs(n) < 1e6) return `${+(n / 1e3).toFixed(1)} kB`;
  if (Math.abs(n) < 1e9) return `${+(n / 1e6).toFixed(1)} MB`;
  return `${+(n / 1e9).toFixed(1)} GB`;
}
