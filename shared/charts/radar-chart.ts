/**
 * A radar chart of dimension scores: one spoke per dimension (clockwise from the top), rings at
 * 25/50/75/100 %, one closed outline per series. It shows a profile at a glance — where an
 * institution is strong and where it is thin — which is why the app's results screen uses it; the
 * reports prefer the bar chart, whose figures can be read exactly.
 *
 * A dimension without a score is drawn at the centre with no marker, and its table cell says "—".
 */
import { chartTextAlternative, clampScore, resolveChartInput, type ChartInput, type ChartOutput } from './chart';
import { element, escapeXml, num, wrapLabel } from './svg';

export function radarChartSvg(input: ChartInput & { axisTitle?: string }): ChartOutput {
  const chart = resolveChartInput(input);
  const { palette, series, axes } = chart;
  if (axes.length < 3) throw new RangeError('A radar chart needs at least three dimensions');
  const width = input.width ?? 640;
  const fontSize = 11;
  const legendHeight = series.length > 1 ? 30 : 8;
  const radius = Math.min(width * 0.26, 170);
  const labelGap = 14;
  const lineHeight = fontSize + 2;
  const maxLabelLines = 3;
  const cx = width / 2;
  const cy = legendHeight + radius + labelGap + maxLabelLines * lineHeight + 4;
  const height = Math.ceil(cy + radius + labelGap + maxLabelLines * lineHeight + 8);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / axes.length;
  const point = (i: number, value: number) => {
    const r = (clampScore(value) / 100) * radius;
    return { x: cx + r * Math.cos(angle(i)), y: cy + r * Math.sin(angle(i)) };
  };

  const parts: string[] = [];
  parts.push(element('title', {}, escapeXml(chart.title)));
  const alternative = chartTextAlternative(chart, input.axisTitle ?? 'Dimension');
  parts.push(element('desc', {}, escapeXml(alternative.description)));
  if (palette.background) parts.push(element('rect', { x: 0, y: 0, width, height, fill: palette.background }));

  for (const ring of [25, 50, 75, 100]) {
    const points = axes.map((_, i) => point(i, ring)).map((p) => `${num(p.x)},${num(p.y)}`).join(' ');
    parts.push(element('polygon', { points, fill: 'none', stroke: palette.grid, 'stroke-width': ring === 100 ? 1.2 : 0.8 }));
    const label = point(0, ring);
    parts.push(element('text', { x: label.x + 4, y: label.y + 10, 'font-size': 9, fill: palette.mutedText }, `${ring}%`));
  }
  axes.forEach((axis, i) => {
    const end = point(i, 100);
    parts.push(element('line', { x1: cx, y1: cy, x2: end.x, y2: end.y, stroke: palette.grid, 'stroke-width': 0.8 }));
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const lx = cx + (radius + labelGap) * cos;
    const ly = cy + (radius + labelGap) * sin;
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    // Room to the page edge decides how wide a label may be.
    const room = anchor === 'middle' ? width * 0.4 : anchor === 'start' ? width - lx - 4 : lx - 4;
    const lines = wrapLabel(axis.label, Math.max(8, Math.floor(room / (fontSize * 0.6))), maxLabelLines);
    const blockHeight = lines.length * lineHeight;
    const firstY = sin < -0.2 ? ly - blockHeight + fontSize : sin > 0.2 ? ly + fontSize : ly - blockHeight / 2 + fontSize;
    lines.forEach((line, l) => {
      parts.push(element('text', { x: lx, y: firstY + l * lineHeight, 'font-size': fontSize, 'text-anchor': anchor, fill: palette.text }, escapeXml(line)));
    });
  });

  series.forEach((item, s) => {
    const points = axes.map((_, i) => point(i, item.values[i] ?? 0));
    parts.push(
      element('polygon', {
        points: points.map((p) => `${num(p.x)},${num(p.y)}`).join(' '),
        fill: palette.series[s],
        'fill-opacity': palette.areaOpacity,
        stroke: palette.series[s],
        'stroke-width': 2,
        'stroke-dasharray': s === 1 ? '6 3' : undefined,
        'stroke-linejoin': 'round',
      }),
    );
    points.forEach((p, i) => {
      if ((item.values[i] ?? null) === null) return;
      parts.push(
        s === 0
          ? element('circle', { cx: p.x, cy: p.y, r: 3.2, fill: palette.series[s] })
          : element('rect', { x: p.x - 3, y: p.y - 3, width: 6, height: 6, fill: palette.series[s] }),
      );
    });
  });

  if (series.length > 1) {
    let legendX = 12;
    series.forEach((item, s) => {
      parts.push(
        element('line', { x1: legendX, y1: 14, x2: legendX + 22, y2: 14, stroke: palette.series[s], 'stroke-width': 2.5, 'stroke-dasharray': s === 1 ? '6 3' : undefined }),
      );
      parts.push(element('text', { x: legendX + 28, y: 18, 'font-size': 11, fill: palette.text }, escapeXml(item.name)));
      legendX += 28 + item.name.length * 11 * 0.6 + 24;
    });
  }

  const svg = element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'font-family': chart.fontFamily },
    parts,
  );
  return { svg, width, height, ...alternative };
}
