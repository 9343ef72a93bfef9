/**
 * The dimension chart of a report model, drawn by shared/charts (the same SVG the app shows) and
 * rasterised for Word's PNG fallback.
 */
import { barChartSvg } from '../../shared/charts';
import type { DimensionChartData, FrameworkLine } from '../../shared/report/model';
import type { ReportTexts } from '../../shared/report/texts';
import { roundScore } from '../../shared/scoring';
import { svgToPng } from './chart-png';

/** A 1×1 white PNG. */
const blankPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
  alt: string;
  name: string;
  table: { columns: string[]; rows: string[][] };
}

export function dimensionChart(
  data: DimensionChartData,
  texts: ReportTexts,
  options: { templatesDir: string; framework: FrameworkLine; compact?: boolean; title: string },
): RenderedChart {
  const { thresholds } = options.framework;
  const chart = barChartSvg({
    title: options.title,
    axisTitle: texts.t('columns.dimension'),
    axes: data.axes,
    series: data.series.map((series) => ({ name: texts.resolve(series.name), values: series.values })),
    palette: 'light',
    format: (value) => texts.percent(roundScore(value)),
    thresholds: [
      { value: thresholds.conditional, label: texts.t('chart.conditionalThreshold', { value: thresholds.conditional }) },
      { value: thresholds.ready, label: texts.t('chart.readyThreshold', { value: thresholds.ready }) },
    ],
    width: 640,
    ...(options.compact ? { compact: true } : {}),
  });
  return {
    svg: chart.svg,
    // Without a rasteriser (see chart-png.ts) the fallback is a blank picture: Word 2016 and later
    // and LibreOffice show the SVG, and the table beside the chart holds its numbers.
    png: svgToPng(chart.svg, { templatesDir: options.templatesDir, width: chart.width }) ?? blankPng,
    width: chart.width,
    height: chart.height,
    alt: chart.description,
    name: options.title,
    table: chart.table,
  };
}
