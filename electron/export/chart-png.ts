/**
 * Charts as PNG, for Word processors that do not show SVG (Word before 2016, some viewers) and as
 * docx's required fallback. Rasterised with resvg (a native module that ships inside its npm
 * package) using only the fonts shipped in templates/fonts, never the system's: the picture is
 * the same on every machine, and a report made on Linux looks as one made on Windows.
 *
 * resvg is loaded here, when the first chart is drawn, not when the app starts: its npm package
 * brings the binary of the machine it was installed on only, so a package built for another
 * platform has none. Without it the app still starts and reports are still written, with the
 * chart as SVG only (what Word 2016 and later, LibreOffice and browsers show); `rasteriserProblem`
 * says why, for the log.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

const chartFontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/**
 * The fonts as files on disk. In a package, templates/ is inside app.asar, which Electron's Node
 * reads but resvg (native, plain file I/O) cannot: the fonts are unpacked next to it
 * (electron-builder.yml, asarUnpack) and read from app.asar.unpacked. From a source checkout
 * (`electron .`, the CLI, tests) the path has no app.asar and is used as it is.
 */
export function chartFontPaths(templatesDir: string): string[] {
  return chartFontFiles.map((file) => join(outsideAsar(templatesDir), 'fonts', file));
}

function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

let rasteriser: { Resvg: typeof ResvgClass } | { problem: string } | undefined;

function loadRasteriser() {
  if (!rasteriser) {
    try {
      // Not a static import: a missing platform binary must not stop the app from starting. Found
      // from this module: the bundles are CommonJS (__filename; the build defines import.meta.url
      // as it too), the CLI under tsx and the tests are ES modules (import.meta.url).
      const here = typeof __filename === 'string' ? __filename : import.meta.url;
      rasteriser = createRequire(here)('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
    } catch (error) {
      rasteriser = {
        problem:
          `Chart pictures for older Word versions cannot be drawn: the rasteriser @resvg/resvg-js has no binary for ${process.platform}-${process.arch} in this installation ` +
          `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Reports keep their charts as SVG and as tables. Install TrustBridge built on and for this platform.`,
      };
    }
  }
  return rasteriser;
}

/** Why chart pictures cannot be drawn as PNG here, or undefined when they can. */
export function rasteriserProblem(): string | undefined {
  const loaded = loadRasteriser();
  return 'problem' in loaded ? loaded.problem : undefined;
}

/**
 * The last charts drawn, by their SVG, size and fonts: a report shown and then exported, or
 * exported in two formats, draws the same charts again, and resvg reads and parses the fonts on
 * every drawing. Each caller gets its own copy of the bytes.
 */
const recentPictures = new Map<string, Buffer>();
const maxRecentPictures = 32;

/**
 * Renders an SVG at `scale` × its own size (2 = crisp when printed at the SVG's size); undefined
 * when this installation has no rasteriser (see `rasteriserProblem`).
 */
export function svgToPng(svg: string, options: { templatesDir: string; scale?: number; width: number }): Buffer | undefined {
  const loaded = loadRasteriser();
  if ('problem' in loaded) return undefined;
  const scale = options.scale ?? 2;
  const key = JSON.stringify([options.templatesDir, scale, options.width, svg]);
  const drawn = recentPictures.get(key);
  if (drawn) {
    // Most recently used last.
    recentPictures.delete(key);
    recentPictures.set(key, drawn);
    return Buffer.from(drawn);
  }
  const resvg = new loaded.Resvg(svg, {
    font: { fontFiles: chartFontPaths(options.templatesDir), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: Math.round(options.width * scale) },
    background: 'white',
  });
  const png = resvg.render().asPng();
  recentPictures.set(key, Buffer.from(png));
  if (recentPictures.size > maxRecentPictures) recentPictures.delete(recentPictures.keys().next().value!);
  return png;
}

