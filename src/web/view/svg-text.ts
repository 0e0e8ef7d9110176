// The measures of text in the page's boxed SVG drawings (the tree diff, the causality picture),
// laid out on the server: text as large as the body text, drawn 1:1, its width estimated.
import { BODY_TEXT_PX } from './type-size.js';

/** Text size in user units; drawn 1:1, so as large as the body text. */
export const FONT = BODY_TEXT_PX;
/** Line spacing: 1.3 lines of text. */
export const LINE = Math.round(FONT * 1.3);
/**
 * Widest advance per character, as a fraction of the font size, over the fonts the page may use
 * (DejaVu Sans digits are 0.636 em, monospace 0.602 em): an estimate on the safe side, so a label
 * never spills out of its box (Node cannot measure text; the browser tests check it fits).
 */
export const ADVANCE = 0.64;
/** Space between a box's text and its border, sideways and above/below. */
export const INSET_X = 12;
export const INSET_Y = 7;
/** A box of two lines. */
export const BOX_H = 2 * LINE + 2 * INSET_Y;
/** Where a line's baseline sits below the line's top (the ascent of the font, roughly). */
export const BASELINE = Math.round(FONT * 0.95);
