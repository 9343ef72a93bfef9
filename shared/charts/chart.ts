/**
 * What both dimension charts take and give: dimension scores (0–100) of one or two series (for
 * example a self-assessment and the partner's audit of it), drawn as an SVG string, with a text
 * alternative — a sentence and a table — for screen readers and for readers of the document who
 * cannot see the picture.
 */
import { roundScore } from '../scoring/format';
import { paletteOf, type ChartPalette, type ChartPaletteName } from './palette';

export interface ChartSeries {
  name: string;
  /** 0–100 per axis, in axis order; null where there is no score. */
  values: ReadonlyArray<number | null>;
}

export interface ChartInput {
  /** The chart's accessible name (its SVG `<title>`). */
  title: string;
  axes: ReadonlyArray<{ id: string; label: string }>;
  /** One or two series; more are refused, as they could not be told apart in print. */
  series: readonly ChartSeries[];
  palette?: ChartPaletteName | ChartPalette;
  /** How a value is written on the chart and in the table; by default "74.5%". */
  format?: (value: number | null) => string;
  /** Reference lines, such as the readiness thresholds (bar chart only). */
  thresholds?: ReadonlyArray<{ value: number; label: string }>;
  fontFamily?: string;
  /** Overall width in px; the height follows from the content. */
  width?: number;
}

export interface ChartTextAlternative {
  /** One sentence per series, for `alt` text and `<desc>`. */
  description: string;
  /** The same figures as a table: a header row and one row per axis. */
  table: { columns: string[]; rows: string[][] };
}

export interface ChartOutput extends ChartTextAlternative {
  svg: string;
  width: number;
  height: number;
}

/** The shipped font first (templates/fonts), then what a system is likely to have. */
export const defaultChartFont = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif";

export function defaultFormat(value: number | null): string {
  const rounded = roundScore(value);
  return rounded === null ? '—' : `${rounded.toFixed(1)}%`;
}

interface ResolvedChartInput {
  title: string;
  axes: ReadonlyArray<{ id: string; label: string }>;
  series: readonly ChartSeries[];
  palette: ChartPalette;
  format: (value: number | null) => string;
  thresholds: ReadonlyArray<{ value: number; label: string }>;
  fontFamily: string;
}

export function resolveChartInput(input: ChartInput): ResolvedChartInput {
  if (input.series.length < 1 || input.series.length > 2) {
    throw new RangeError(`A dimension chart shows one or two series, not ${input.series.length}`);
  }
  for (const series of input.series) {
    if (series.values.length !== input.axes.length) {
      throw new RangeError(`Series "${series.name}" has ${series.values.length} values for ${input.axes.length} axes`);
    }
  }
  return {
    title: input.title,
    axes: input.axes,
    series: input.series,
    palette: paletteOf(input.palette ?? 'light'),
    format: input.format ?? defaultFormat,
    thresholds: input.thresholds ?? [],
    fontFamily: input.fontFamily ?? defaultChartFont,
  };
}

/** A value drawn on a 0–100 scale: out-of-range input is held at the edges, none is drawn as 0. */
export function clampScore(value: number | null): number {
  if (value === null || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

export function chartTextAlternative(input: Pick<ResolvedChartInput, 'title' | 'axes' | 'series' | 'format'>, axisHeader: string): ChartTextAlternative {
  const description = [
    `${input.title}.`,
    ...input.series.map(
      (series) => `${series.name}: ${input.axes.map((axis, i) => `${axis.label} ${input.format(series.values[i] ?? null)}`).join('; ')}.`,
    ),
  ].join(' ');
  return {
    description,
    table: {
      columns: [axisHeader, ...input.series.map((series) => series.name)],
      rows: input.axes.map((axis, i) => [axis.label, ...input.series.map((series) => input.format(series.values[i] ?? null))]),
    },
  };
}
