// The diagram's arrows by keyboard and pointer: one arrow is in the tab order (roving focus), the
// arrow keys, Home and End move between them, and the arrow focused or pointed at is said in words
// under the diagram (what it carried, as its tooltip says on hover). The diagram is redrawn as
// messages come: the arrow last shown keeps its place in the tab order and its words.

const ARROWS = '#messages .msg';
/** Where a key moves the focus, from arrow i of n. */
const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowRight: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  ArrowLeft: (i) => i - 1,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** The arrow last focused or pointed at (its id). */
let current: string | null = null;

/** The arrow `target` is in, if any. */
export function arrowOf(target: EventTarget | null): SVGElement | null {
  return target instanceof Element ? target.closest<SVGElement>('.msg') : null;
}

/** Moves between arrows; true when the key was one of the diagram's (the page does no more). */
export function arrowKey(e: KeyboardEvent): boolean {
  const arrow = arrowOf(e.target);
  const move = MOVES[e.key];
  if (!arrow || !move || e.altKey || e.ctrlKey || e.metaKey) return false;
  const all = [...document.querySelectorAll<SVGElement>(ARROWS)];
  const next = all[Math.min(all.length - 1, Math.max(0, move(all.indexOf(arrow), all.length)))];
  e.preventDefault();
  if (next) {
    show(next);
    next.focus();
  }
  return true;
}

/** The arrow focused or pointed at becomes the one in the tab order, and is said in words. */
export function show(arrow: SVGElement | null): void {
  if (!arrow) return;
  current = arrow.id;
  redrawn();
}

/** After the diagram was drawn again: the current arrow (else the first) takes the tab stop. */
export function redrawn(): void {
  const all = [...document.querySelectorAll<SVGElement>(ARROWS)];
  const chosen = all.find((a) => a.id === current) ?? null;
  all.forEach((a, i) =>
    a.setAttribute('tabindex', a === chosen || (!chosen && i === 0) ? '0' : '-1'),
  );
  const detail = document.getElementById('msg-detail');
  if (detail) detail.textContent = chosen?.getAttribute('aria-label') ?? '';
}
