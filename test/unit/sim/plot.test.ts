// The report's plots are pure functions of the data: scales, log2 ticks, where points land,
// what the SVG says to a screen reader, and how the legend and text fit the width.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extent, linearScale, log2Scale, niceStep } from '../../../src/sim/report/scale.js';
import { plotSvg } from '../../../src/sim/report/plot.js';
import type { PlotSpec } from '../../../src/sim/report/spec.js';
import { legendLayout } from '../../../src/sim/report/legend.js';
import { formatBytes, textWidth, wrap } from '../../../src/sim/report/text.js';
import { PLOT_MAX_DRAWN_POINTS, PLOT_SIZES } from '../../../src/sim/report/constants.js';
import { standaloneSvg } from '../../../src/sim/report/plot-style.js';

test('niceStep picks 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceStep(100, 5), 20);
  assert.equal(niceStep(277, 8), 50);
  assert.equal(niceStep(1, 4), 0.5);
  assert.equal(niceStep(7, 8), 1);
  assert.equal(niceStep(0, 4), 1);
});

test('a linear scale starts at 0, ends on a tick and maps the ends of its range', () => {
  const s = linearScale(3, 277, [50, 650], 8);
  assert.deepEqual(s.domain, [0, 300]);
  assert.deepEqual(s.ticks, [0, 50, 100, 150, 200, 250, 300]);
  assert.equal(s(0), 50);
  assert.equal(s(300), 650);
  assert.equal(s(150), 350);
  // A y axis runs upwards: the range may be reversed.
  const y = linearScale(0, 64, [400, 100], 4);
  assert.deepEqual(y.ticks, [0, 20, 40, 60, 80]);
  assert.equal(y(0), 400);
  assert.equal(y(80), 100);
});

test('a linear scale of one value still has a span; ticks have no float noise', () => {
  const flat = linearScale(0, 0, [0, 100], 4);
  assert.deepEqual(flat.domain, [0, 1]);
  assert.deepEqual(linearScale(0, 0.3, [0, 100], 3).ticks, [0, 0.1, 0.2, 0.3]);
});

test('a log2 scale ticks at powers of 2 and puts each doubling the same distance apart', () => {
  const s = log2Scale(16, 1024, [0, 600], 8);
  assert.deepEqual(s.ticks, [16, 32, 64, 128, 256, 512, 1024]);
  assert.deepEqual(s.domain, [16, 1024]);
  assert.equal(s(16), 0);
  assert.equal(s(1024), 600);
  assert.equal(s(32) - s(16), 100);
  assert.equal(s(1024) - s(512), 100);
  // 1000 falls just short of 1024.
  assert.ok(s(1000) < 600 && s(1000) > 590);
});

test('a log2 scale widens to whole powers and thins its ticks to fit', () => {
  const s = log2Scale(10, 300, [0, 100], 8);
  assert.deepEqual(s.domain, [8, 512]);
  assert.deepEqual(log2Scale(1, 4096, [0, 100], 4).ticks, [1, 16, 256, 4096]);
  const thinned = log2Scale(1, 2048, [0, 100], 4);
  assert.deepEqual(thinned.ticks, [1, 16, 256, 4096]);
  assert.deepEqual(thinned.domain, [1, 4096]);
  assert.deepEqual(log2Scale(4, 4, [0, 100], 4).ticks, [4, 8]);
  assert.throws(() => log2Scale(0, 8, [0, 100], 4), RangeError);
});

const spec: PlotSpec = {
  title: 'Rounds to converge against the number of replicas',
  desc: 'random: 5 rounds at N=16, 8 at N=1024 & more',
  x: { label: 'replicas N (log2 scale)', log2: true, format: String },
  y: { label: 'rounds', format: String },
  series: [
    {
      name: 'random',
      points: [
        { x: 16, y: 5 },
        { x: 1024, y: 8 },
      ],
    },
    {
      name: 'log2 N',
      points: [
        { x: 16, y: 4 },
        { x: 1024, y: 10 },
      ],
      reference: true,
    },
  ],
};

test('the SVG is an image with a title and a description, escaped', () => {
  const svg = plotSvg(spec, PLOT_SIZES.wide, 'p1').text;
  assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="p1-title p1-desc"/);
  assert.match(
    svg,
    /<title id="p1-title">Rounds to converge against the number of replicas<\/title>/,
  );
  assert.match(svg, /<desc id="p1-desc">random: 5 rounds at N=16, 8 at N=1024 &amp; more<\/desc>/);
  assert.match(
    svg,
    new RegExp(`viewBox="0 0 ${PLOT_SIZES.wide.width} \\d+" width="${PLOT_SIZES.wide.width}"`),
  );
  // Ticks of the log2 x axis, the axis labels and the legend are text in the drawing.
  for (const label of [
    '16',
    '32',
    '512',
    '1024',
    'replicas N (log2 scale)',
    'rounds',
    'random',
    'log2 N',
  ])
    assert.ok(svg.includes(`>${label}</text>`), label);
});

test('points land where the scales put them; a reference line is dashed and unmarked', () => {
  const svg = plotSvg(spec, PLOT_SIZES.wide, 'p1').text;
  const paths = [
    ...svg.matchAll(
      /<g class="series (s0|ref)"><path class="line" d="M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)"/g,
    ),
  ];
  assert.equal(paths.length, 2, 'two lines in the plot');
  const [random, reference] = paths;
  assert.equal(random![1], 's0');
  assert.equal(reference![1], 'ref');
  // Same x for both series at N=16 and at N=1024; y: 8 rounds above 5, 10 above 4.
  assert.equal(random![2], reference![2]);
  assert.equal(random![4], reference![4]);
  assert.ok(Number(random![5]) < Number(random![3]));
  assert.ok(Number(reference![5]) < Number(random![5]));
  assert.equal((svg.match(/class="mark"/g) ?? []).length, 2 + 1, 'markers on the data series only');
});

test('the narrow drawing wraps its title and keeps every text inside its width', () => {
  const svg = plotSvg(spec, PLOT_SIZES.narrow, 'p2').text;
  assert.ok((svg.match(/class="plot-title"/g) ?? []).length >= 2, 'the title wraps');
  for (const m of svg.matchAll(
    /<text class="[^"]*" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)<\/text>/g,
  )) {
    const [, x, anchor, text] = m;
    const w = textWidth(text!);
    const left =
      anchor === 'start' ? Number(x) : anchor === 'middle' ? Number(x) - w / 2 : Number(x) - w;
    assert.ok(left >= 0 && left + w <= PLOT_SIZES.narrow.width + 0.5, `"${text}" fits`);
  }
});

test('the legend wraps into rows that fit the width', () => {
  const series = ['N=16 random', 'N=16 ring', 'N=64 random', 'N=64 ring'].map((name) => ({
    name,
    points: [],
  }));
  const wide = legendLayout(series, 700);
  const narrow = legendLayout(series, 330);
  assert.deepEqual(
    wide.entries.map((e) => e.row),
    [0, 0, 0, 0],
  );
  assert.ok(narrow.entries.at(-1)!.row >= 1);
  assert.ok(narrow.height > wide.height);
  assert.equal(narrow.entries.filter((e) => e.row === 1)[0]!.x, 0);
});

test('wrap, formatBytes', () => {
  assert.deepEqual(wrap('a bb ccc', textWidth('a bb')), ['a bb', 'ccc']);
  assert.deepEqual(wrap('averyveryverylongword', 10), ['averyveryverylongword']);
  assert.equal(formatBytes(0), '0');
  assert.equal(formatBytes(617), '617 B');
  assert.equal(formatBytes(49_300), '49.3 kB');
  assert.equal(formatBytes(48_700_000), '48.7 MB');
});

test('a standalone SVG carries its own style, light and dark', () => {
  const file = standaloneSvg(plotSvg(spec, PLOT_SIZES.wide, 'p'));
  assert.match(
    file,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  assert.match(file, /<style>[\s\S]*prefers-color-scheme: dark[\s\S]*<\/style>/);
  assert.ok(file.trimEnd().endsWith('</svg>'));
});

test('a series of a million points draws at most PLOT_MAX_DRAWN_POINTS of them, the last kept', () => {
  const points = Array.from({ length: 1_000_000 }, (_, i) => ({ x: i + 1, y: i % 7 }));
  assert.deepEqual(extent(points.map((p) => p.x)), [1, 1_000_000]);
  assert.deepEqual(extent([]), [0, 0]);
  const svg = plotSvg(
    { ...spec, x: { ...spec.x, log2: false }, series: [{ name: 'long', points }] },
    PLOT_SIZES.wide,
    'big',
  ).text;
  const path = /<g class="series s0"><path class="line" d="([^"]+)"/.exec(svg)![1]!;
  const segments = path.split(/[ML]/).filter(Boolean);
  assert.ok(segments.length <= PLOT_MAX_DRAWN_POINTS + 1, `${segments.length} points drawn`);
  assert.ok(segments.length >= PLOT_MAX_DRAWN_POINTS / 2);
  assert.match(svg, /<g class="series s0"><path class="line" d="[^"]+"\/><\/g>/, 'no markers');
});
