/**
 * Charts as PNG, for Word processors that do not show SVG (Word before 2016, some viewers) and as
 * docx's required fallback. Rasterised with resvg (a native module that ships inside its npm
 * package) using only the fonts shipped in templates/fonts, never the system's: the picture is
 * the same on every machine, and a report made on Linux looks as one made on Windows.
 */
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const chartFontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

export function chartFontPaths(templatesDir: string): string[] {
  return chartFontFiles.map((file) => join(templatesDir, 'fonts', file));
}

/** Renders an SVG at `scale` × its own size (2 = crisp when printed at the SVG's size). */
export function svgToPng(svg: string, options: { templatesDir: string; scale?: number; width: number }): Buffer {
  const scale = options.scale ?? 2;
  const resvg = new Resvg(svg, {
    font: { fontFiles: chartFontPaths(options.templatesDir), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: Math.round(options.width * scale) },
    background: 'white',
  });
  return resvg.render().asPng();
}
