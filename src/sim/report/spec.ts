// What a plot is, as data: its series of points, its axes and its title, and the size it is
// drawn at. figures.ts makes them, plot.ts and legend.ts draw them, table.ts lists them.

export interface PlotPoint {
  x: number;
  y: number;
}

/** A line of the plot; a reference line (a bound, a target) is drawn thin and dashed. */
export interface PlotSeries {
  name: string;
  points: readonly PlotPoint[];
  reference?: boolean;
}

export interface PlotSpec {
  title: string;
  /** What the plot shows, in a sentence or two, for a screen reader (the SVG's <desc>). */
  desc: string;
  x: { label: string; log2?: boolean; format: (v: number) => string };
  y: { label: string; log2?: boolean; format: (v: number) => string };
  series: readonly PlotSeries[];
}

export interface PlotSize {
  width: number;
  /** The height of the data area; the drawing adds its title, labels and legend. */
  plotHeight: number;
  ticks: number;
}
