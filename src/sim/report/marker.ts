// The marker of a data point (pure): a shape per series style, so colour is never the only cue.
import { raw, type Html } from '../../web/view/html.js';
import { PLOT_MARKER_PX } from './constants.js';

/** A marker shape per style (circle, square, triangle, diamond…): colour is never the only cue. */
export function marker(style: number, cx: number, cy: number): Html {
  const m = PLOT_MARKER_PX;
  switch (style % 4) {
    case 0:
      return raw(`<circle class="mark" cx="${r(cx)}" cy="${r(cy)}" r="${m}"/>`);
    case 1:
      return raw(
        `<rect class="mark" x="${r(cx - m)}" y="${r(cy - m)}" width="${2 * m}" height="${2 * m}"/>`,
      );
    case 2:
      return polygon([
        [cx, cy - m * 1.2],
        [cx + m * 1.2, cy + m],
        [cx - m * 1.2, cy + m],
      ]);
    default:
      return polygon([
        [cx, cy - m * 1.3],
        [cx + m * 1.3, cy],
        [cx, cy + m * 1.3],
        [cx - m * 1.3, cy],
      ]);
  }
}

/** A closed path through the corners, in order. */
function polygon(corners: readonly (readonly [number, number])[]): Html {
  const d = corners.map(([x, y]) => `${r(x)} ${r(y)}`).join('L');
  return raw(`<path class="mark" d="M${d}Z"/>`);
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
