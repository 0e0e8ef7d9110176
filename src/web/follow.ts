// Which way to scroll so the newest part's key content shows: at 1280×720 the cards take the top
// of the stage, and a part's tree path or table would start below the fold. Pure, so the choice
// is tested without a browser; the page script measures the boxes and applies the answer.

/** A vertical extent in the scroller's coordinates (pixels, top < bottom). */
export interface Span {
  top: number;
  bottom: number;
}

/**
 * How far to scroll down (negative: up) so that the first of `wanted` that fits in `view` is
 * wholly inside it, moving as little as possible (what is already in view stays put). `wanted`
 * goes from the most to the least to show, e.g. the verdict down to the key table, the part's
 * title down to it, the table alone. If none fits, the last one's top goes to the view's top.
 */
export function followScroll(view: Span, wanted: readonly Span[]): number {
  const height = view.bottom - view.top;
  const fits = wanted.find((s) => s.bottom - s.top <= height);
  if (!fits) {
    const last = wanted[wanted.length - 1];
    return last ? last.top - view.top : 0;
  }
  if (fits.top < view.top) return fits.top - view.top;
  if (fits.bottom > view.bottom) return fits.bottom - view.bottom;
  return 0;
}

/** The smallest span holding all of `spans` (they are in reading order, but need not touch). */
export function spanning(...spans: Span[]): Span {
  return {
    top: Math.min(...spans.map((s) => s.top)),
    bottom: Math.max(...spans.map((s) => s.bottom)),
  };
}
