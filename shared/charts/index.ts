export { barChartSvg } from './bar-chart';
export { radarChartSvg } from './radar-chart';
export {
  chartTextAlternative,
  defaultChartFont,
  defaultFormat,
  type ChartInput,
  type ChartOutput,
  type ChartSeries,
  type ChartTextAlternative,
} from './chart';
export { chartPalettes, paletteOf, type ChartPalette, type ChartPaletteName } from './palette';
export { escapeXml, wrapLabel } from './svg';
