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
      return raw(
        `<path class="mark" d="M${r(cx)} ${r(cy - m * 1.2)}L${r(cx + m * 1.2)} ${r(cy + m)}L${r(cx - m * 1.2)} ${r(cy + m)}Z"/>`,
      );
    default:
      return raw(
        `<path class="mark" d="M${r(cx)} ${r(cy - m * 1.3)}L${r(cx + m * 1.3)} ${r(cy)}L${r(cx)} ${r(cy + m * 1.3)}L${r(cx - m * 1.3)} ${r(cy)}Z"/>`,
      );
  }
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
