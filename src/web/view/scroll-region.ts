// A table wider than its column scrolls sideways inside a region of its own: a keyboard reaches
// it (tabindex) and a screen reader lists it among the page's regions by its name, so every
// region's name must be its own (two regions called alike cannot be told apart).
import { html, type Html } from './html.js';

/** A table in its scrolling region; `keyContent`: what its part is about (the page keeps it in view). */
export function scrollRegion(name: string, table: Html, keyContent = false): Html {
  const marked = keyContent ? ' data-key-content' : '';
  return html`<section class="table-wrap"${marked} tabindex="0" aria-label="${name}">${table}</section>`;
}

/**
 * Names for the tables of one numbered part, in order: "Table 3.1: …", "Table 3.2: …". The part's
 * number keeps them apart across parts, the count within it (a part may hold two exchanges).
 */
export function tableNames(part: number): (what: string) => string {
  let k = 0;
  return (what) => `Table ${part}.${++k}: ${what}`;
}
