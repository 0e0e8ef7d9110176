// Layout checks that run inside the page (page.evaluate): what a projector's audience sees. Each
// returns the problems it found as sentences, so a failing test says what and where. This file
// is compiled for Node without DOM types: the few page globals used are described here.

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
}
interface El {
  tagName: string;
  className: unknown;
  textContent: string | null;
  parentElement: El | null;
  getBoundingClientRect(): Box;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  closest(selector: string): El | null;
  getAttribute(name: string): string | null;
  viewBox?: { baseVal: { width: number } };
}
interface Globals {
  document: { body: El; querySelector(selector: string): El | null };
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(el: El): { overflowY: string; fontSize: string };
}

/**
 * Whether the newest part's title and key content (its first [data-key-content], else the whole
 * part), and the verdict when there is one, are inside the viewport and not clipped by a scrolled
 * ancestor: visible without the audience scrolling.
 */
export const keyContentProblems = (): string[] => {
  const g = globalThis as unknown as Globals;
  const part = g.document.querySelector('#story .part');
  if (!part) return ['the story has no part'];
  const title = part.querySelector('h2')?.textContent ?? '(untitled)';
  const shown: [string, El | null][] = [
    ['its title', part.querySelector('h2')],
    ['its key content', part.querySelector('[data-key-content]') ?? part],
    ['the verdict', g.document.querySelector('#story .verdict')],
  ];
  const problems: string[] = [];
  const slack = 1;
  const inside = (r: Box, c: Box) =>
    r.top >= c.top - slack &&
    r.bottom <= c.bottom + slack &&
    r.left >= c.left - slack &&
    r.right <= c.right + slack;
  const window: Box = {
    left: 0,
    top: 0,
    right: g.innerWidth,
    bottom: g.innerHeight,
    width: g.innerWidth,
  };
  for (const [what, el] of shown) {
    if (!el) continue;
    const r = el.getBoundingClientRect();
    const where = `${Math.round(r.top)}–${Math.round(r.bottom)} px`;
    if (!inside(r, window))
      problems.push(`"${title}": ${what} (${where}) is outside the ${g.innerHeight} px viewport`);
    for (let a = el.parentElement; a && a !== g.document.body; a = a.parentElement) {
      if (g.getComputedStyle(a).overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (!inside(r, c))
        problems.push(
          `"${title}": ${what} (${where}) is scrolled out of ${a.tagName.toLowerCase()}.${String(a.className)} (${Math.round(c.top)}–${Math.round(c.bottom)} px)`,
        );
    }
  }
  return problems;
};

/**
 * Whether every text of the tree paths is drawn at least as large as the body text (its font
 * size times the SVG's scale), and fits inside its drawing and, in a box, inside the box.
 */
export const treeTextProblems = (): string[] => {
  const g = globalThis as unknown as Globals;
  const body = parseFloat(g.getComputedStyle(g.document.body).fontSize);
  const problems: string[] = [];
  const svgs = Array.from(g.document.body.querySelectorAll('svg.tree'));
  if (svgs.length === 0) return problems;
  for (const svg of svgs) {
    const drawn = svg.getBoundingClientRect();
    const scale = drawn.width / (svg.viewBox?.baseVal.width || drawn.width);
    for (const text of Array.from(svg.querySelectorAll('text'))) {
      const px = parseFloat(g.getComputedStyle(text).fontSize) * scale;
      const label = `"${text.textContent}"`;
      if (px < body - 0.01)
        problems.push(`${label} is drawn at ${px.toFixed(1)} px, under the body's ${body} px`);
      const r = text.getBoundingClientRect();
      const rect = text.closest('g.tnode, g.more')?.querySelector('rect')?.getBoundingClientRect();
      for (const [what, c] of [
        ['its drawing', drawn],
        ['its box', rect],
      ] as const) {
        if (c && (r.left < c.left || r.right > c.right || r.top < c.top || r.bottom > c.bottom))
          problems.push(`${label} spills out of ${what}`);
      }
    }
  }
  return problems;
};

/** The smallest side of a grid cell as drawn on the cards, in CSS pixels (0: no grid). */
export const smallestGridCell = (): number => {
  const g = globalThis as unknown as Globals;
  const cells = Array.from(g.document.body.querySelectorAll('.card .grid .cell'));
  if (cells.length === 0) return 0;
  return Math.min(...cells.map((c) => c.getBoundingClientRect().width));
};
