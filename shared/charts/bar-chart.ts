/**
 * A horizontal bar chart of dimension scores: one row per dimension, one bar per series, a 0–100 %
 * scale with grid lines, and optional reference lines (the readiness thresholds). It reads well in
 * a narrow Word column and in print, where a radar chart's angled labels do not.
 */
import { chartTextAlternative, clampScore, resolveChartInput, type ChartInput, type ChartOutput } from './chart';
import { element, escapeXml, estimateTextWidth, wrapLabel } from './svg';

export function barChartSvg(input: ChartInput & { axisTitle?: string; compact?: boolean }): ChartOutput {
  const chart = resolveChartInput(input);
  const { palette, series, axes, format } = chart;
  const width = input.width ?? 640;
  const fontSize = 12;
  const labelWidth = Math.round(width * 0.34);
  const labelChars = Math.floor(labelWidth / (fontSize * 0.6)) - 1;
  // Compact: the chart shares the first page of the readiness report with the decision and the
  // conditions, so its rows are tighter.
  const barHeight = series.length === 1 ? (input.compact ? 13 : 16) : input.compact ? 10 : 12;
  const barGap = input.compact ? 2 : 3;
  const rowPadding = input.compact ? 5 : 9;
  const legendHeight = series.length > 1 ? 28 : 6;
  const plotLeft = labelWidth + 10;
  const valueRoom = estimateTextWidth('100.0%', 11) + 8;
  const plotWidth = width - plotLeft - valueRoom;
  const x = (value: number) => plotLeft + (clampScore(value) / 100) * plotWidth;
  // Threshold labels never overlap: a label that would touch the one before it goes one line up
  // ("Preparada con condiciones" beside "Preparada" in Spanish).
  const thresholdLabels: Array<{ value: number; label: string; line: number }> = [];
  const lineEnds: number[] = [];
  for (const threshold of [...chart.thresholds].sort((a, b) => a.value - b.value)) {
    const half = estimateTextWidth(threshold.label, 10) / 2;
    const start = x(threshold.value) - half;
    let line = 0;
    while ((lineEnds[line] ?? -Infinity) + 6 > start) line += 1;
    lineEnds[line] = x(threshold.value) + half;
    thresholdLabels.push({ ...threshold, line });
  }
  const labelLines = thresholdLabels.length ? Math.max(...thresholdLabels.map((label) => label.line)) + 1 : 0;
  const topLabels = labelLines * 14 + (labelLines ? 2 : 0);
  const top = legendHeight + topLabels;

  const rows = axes.map((axis) => {
    const lines = wrapLabel(axis.label, labelChars, 2);
    const bars = series.length * barHeight + (series.length - 1) * barGap;
    return { axis, lines, height: Math.max(bars, lines.length * (fontSize + 2)) + rowPadding * 2 };
  });
  const plotHeight = rows.reduce((sum, row) => sum + row.height, 0);
  const axisHeight = 24;
  const height = Math.ceil(top + plotHeight + axisHeight);

  const parts: string[] = [];
  parts.push(element('title', {}, escapeXml(chart.title)));
  const alternative = chartTextAlternative(chart, input.axisTitle ?? 'Dimension');
  parts.push(element('desc', {}, escapeXml(alternative.description)));
  if (palette.background) parts.push(element('rect', { x: 0, y: 0, width, height, fill: palette.background }));

  if (series.length > 1) {
    let legendX = plotLeft;
    series.forEach((item, s) => {
      parts.push(
        element('rect', {
          x: legendX,
          y: 8,
          width: 14,
          height: 12,
          fill: palette.series[s],
          stroke: s === 1 ? palette.text : undefined,
          'stroke-width': s === 1 ? 0.8 : undefined,
          'stroke-dasharray': s === 1 ? '2 1.5' : undefined,
        }),
      );
      parts.push(element('text', { x: legendX + 20, y: 18, 'font-size': 11, fill: palette.text, 'font-family': chart.fontFamily }, escapeXml(item.name)));
      legendX += 20 + estimateTextWidth(item.name, 11) + 24;
    });
  }

  // Grid and scale.
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(element('line', { x1: x(tick), y1: top, x2: x(tick), y2: top + plotHeight, stroke: palette.grid, 'stroke-width': 1 }));
    parts.push(
      element('text', { x: x(tick), y: top + plotHeight + 16, 'font-size': 10, 'text-anchor': 'middle', fill: palette.mutedText, 'font-family': chart.fontFamily }, `${tick}%`),
    );
  }
  for (const threshold of thresholdLabels) {
    parts.push(
      element('line', { x1: x(threshold.value), y1: top - 4, x2: x(threshold.value), y2: top + plotHeight, stroke: palette.threshold, 'stroke-width': 1.2, 'stroke-dasharray': '4 3' }),
    );
    parts.push(
      element('text', { x: x(threshold.value), y: top - 6 - threshold.line * 14, 'font-size': 10, 'text-anchor': 'middle', fill: palette.mutedText, 'font-family': chart.fontFamily }, escapeXml(threshold.label)),
    );
  }

  let y = top;
  rows.forEach((row, a) => {
    const bars = series.length * barHeight + (series.length - 1) * barGap;
    const barsTop = y + (row.height - bars) / 2;
    const labelTop = y + row.height / 2 - ((row.lines.length - 1) * (fontSize + 2)) / 2 + fontSize / 3;
    row.lines.forEach((line, l) => {
      parts.push(
        element('text', { x: labelWidth, y: labelTop + l * (fontSize + 2), 'font-size': fontSize, 'text-anchor': 'end', fill: palette.text, 'font-family': chart.fontFamily }, escapeXml(line)),
      );
    });
    series.forEach((item, s) => {
      const value = item.values[a] ?? null;
      const barY = barsTop + s * (barHeight + barGap);
      if (value !== null) {
        parts.push(
          element('rect', {
            x: plotLeft,
            y: barY,
            width: Math.max(1, x(value) - plotLeft),
            height: barHeight,
            fill: palette.series[s],
            stroke: s === 1 ? palette.text : undefined,
            'stroke-width': s === 1 ? 0.6 : undefined,
            'stroke-dasharray': s === 1 ? '3 2' : undefined,
          }),
        );
      }
      parts.push(
        element(
          'text',
          {
            x: (value === null ? plotLeft : x(value)) + 5,
            y: barY + barHeight / 2 + 4,
            'font-size': 11,
            fill: palette.text,
            'font-family': chart.fontFamily,
            // A halo in the background colour keeps the figure legible where a threshold line crosses it.
            stroke: palette.background ?? undefined,
            'stroke-width': palette.background ? 3 : undefined,
            'paint-order': palette.background ? 'stroke' : undefined,
          },
          escapeXml(format(value)),
        ),
      );
    });
    y += row.height;
    if (a < rows.length - 1) parts.push(element('line', { x1: 0, y1: y, x2: width, y2: y, stroke: palette.grid, 'stroke-width': 0.5 }));
  });
  parts.push(element('line', { x1: plotLeft, y1: top, x2: plotLeft, y2: top + plotHeight, stroke: palette.axis, 'stroke-width': 1 }));

  const svg = element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'font-family': chart.fontFamily },
    parts,
  );
  return { svg, width, height, ...alternative };
}
