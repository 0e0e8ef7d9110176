// A table wider than its column scrolls sideways inside a region of its own: a keyboard reaches
// it (tabindex) and a screen reader lists it among the page's regions by its name, so every
// region's name must be its own (two regions called alike cannot be told apart).
import { html, type Html } from './html.js';

/** Shown above the table only while it overflows (style.ts); a visual cue, so hidden from speech. */
const SCROLL_NOTE = html`<p class="scroll-note" aria-hidden="true">scroll sideways for more columns →</p>`;

/** A table in its scrolling region; `keyContent`: what its part is about (the page keeps it in view). */
export function scrollRegion(name: string, table: Html, keyContent = false): Html {
  const marked = keyContent ? ' data-key-content' : '';
  return html`<section class="table-wrap"${marked} tabindex="0" aria-label="${name}">${SCROLL_NOTE}${table}</section>`;
}

/**
 * Names for the tables of one numbered part, in order: "Table 3.1: …", "Table 3.2: …". The part's
 * number keeps them apart across parts, the count within it (a part may hold two exchanges).
 */
export function tableNames(part: number): (what: string) => string {
  let k = 0;
  return (what) => `Table ${part}.${++k}: ${what}`;
}
