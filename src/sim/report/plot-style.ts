// The plots' own style, light and dark: inlined in the report after the page's stylesheet, and
// inside a standalone SVG file (--plot, the README's figure), which has no page around it. The
// first colours are the page's (style.ts) so a plot sits on the report like a panel.
import type { Html } from '../../web/view/html.js';

/** The page's own font stack (style.ts), so a plot's text matches the text around it. */
const FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

export const PLOT_CSS = `
.plot { --p-bg: #ffffff; --p-fg: #15171a; --p-dim: #5d6470; --p-line: #d5d8dd;
  --p-0: #1864ab; --p-1: #a84300; --p-2: #7048e8; --p-3: #086b35; --p-4: #c2255c; --p-5: #5c5f66; }
@media (prefers-color-scheme: dark) {
  .plot { --p-bg: #1b1f24; --p-fg: #eef0f2; --p-dim: #a1a9b4; --p-line: #333a42;
    --p-0: #4dabf7; --p-1: #ff922b; --p-2: #9775fa; --p-3: #4cd07d; --p-4: #f06595; --p-5: #ced4da; }
}
.plot { max-width: 100%; height: auto; font-family: ${FONTS}; font-size: 17px; }
.plot .plot-bg { fill: var(--p-bg); stroke: var(--p-line); }
.plot text { fill: var(--p-fg); font-size: 17px; }
.plot .plot-title { font-weight: 600; }
.plot .tick-label { fill: var(--p-fg); font-variant-numeric: tabular-nums; }
.plot .axis, .plot .tick { stroke: var(--p-fg); stroke-width: 1.5; }
.plot .grid { stroke: var(--p-line); stroke-width: 1; }
.plot .series .line { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
.plot .series .mark { stroke: var(--p-bg); stroke-width: 1.5; }
.plot .s0 .line { stroke: var(--p-0); } .plot .s0 .mark { fill: var(--p-0); }
.plot .s1 .line { stroke: var(--p-1); stroke-dasharray: 10 5; } .plot .s1 .mark { fill: var(--p-1); }
.plot .s2 .line { stroke: var(--p-2); stroke-dasharray: 2 5; } .plot .s2 .mark { fill: var(--p-2); }
.plot .s3 .line { stroke: var(--p-3); stroke-dasharray: 12 4 2 4; } .plot .s3 .mark { fill: var(--p-3); }
.plot .s4 .line { stroke: var(--p-4); } .plot .s4 .mark { fill: var(--p-4); }
.plot .s5 .line { stroke: var(--p-5); stroke-dasharray: 10 5; } .plot .s5 .mark { fill: var(--p-5); }
.plot .ref .line { stroke: var(--p-dim); stroke-width: 2; stroke-dasharray: 6 6; }
`;

/** One plot as a file of its own: the SVG with its style inside (for the README or a slide). */
export function standaloneSvg(svg: Html): string {
  const open = svg.text.indexOf('>') + 1;
  const [tag, rest] = [svg.text.slice(0, open), svg.text.slice(open)];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${tag}\n<style>${PLOT_CSS}</style>${rest}\n`;
}
