// Every number of the simulation report's plots, named once with its reason.

/** Text in a plot is the page's body size (style.ts sets html { font-size: 17px }). */
export const PLOT_FONT_PX = 17;
/** A generous average glyph width (system-ui digits and letters are 0.5-0.6 em): labels never clip. */
export const PLOT_CHAR_EM = 0.62;
/** Room between a tick label and the axis, and around the plot's edges. */
export const PLOT_GAP_PX = 8;
/** Tick marks stick out of the axis by this much. */
export const PLOT_TICK_PX = 5;
/** A legend row: a line sample, its marker and the series name. */
export const PLOT_LEGEND_ROW_PX = 26;
export const PLOT_LEGEND_SWATCH_PX = 30;
/** Markers are drawn on series of at most this many points; longer ones are lines alone. */
export const PLOT_MAX_MARKED_POINTS = 40;
export const PLOT_MARKER_PX = 5;
/**
 * A line is drawn through at most this many of its points (evenly spread, the last kept): a
 * 720-px plot cannot show more, and a run stopped at --max-rounds 1000000 would otherwise
 * write megabytes of path.
 */
export const PLOT_MAX_DRAWN_POINTS = 1_500;

/**
 * Two drawings of every plot, both 1:1 at their width so the text stays at body size: a wide
 * one for a laptop or projector and a narrow one for a phone held upright (390 px less margins).
 * plotHeight is the data area alone; title, labels and legend add to the drawing's height.
 */
export const PLOT_SIZES = {
  wide: { width: 720, plotHeight: 260, ticks: 8 },
  narrow: { width: 350, plotHeight: 220, ticks: 4 },
} as const;

/** The report's data tables list at most this many rows (evenly spread, the last kept). */
export const REPORT_TABLE_MAX_ROWS = 60;

/** Rounds against N gets a log2 y axis when the largest is this many times the smallest. */
export const SCALING_LOG_Y_SPAN = 16;
