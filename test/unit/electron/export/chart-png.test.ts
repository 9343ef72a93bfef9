/**
 * The chart rasteriser is a native module whose npm package brings only the binary of the machine
 * it was installed on. The app must start and write reports without it (a package built for
 * another platform): the module is bundled as the app bundles it, into a folder where
 * @resvg/resvg-js cannot be found, and loaded.
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ChartPng from '../../../../electron/export/chart-png';
import { barChartSvg } from '../../../../shared/charts';
import { bundles } from '../../../../scripts/build-electron';
import { repoRoot, templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

let work: Awaited<ReturnType<typeof tempFolder>>;
let bundle: string;

beforeAll(async () => {
  work = await tempFolder('trustbridge-no-resvg-');
  bundle = join(work.path, 'chart-png.cjs');
  await build({ ...bundles.main, entryPoints: [join(repoRoot, 'electron/export/chart-png.ts')], outfile: bundle, sourcemap: false, legalComments: 'none' });
  await writeFile(join(work.path, 'package.json'), '{}');
});

afterAll(async () => {
  await work?.remove();
});

const svg = barChartSvg({ title: 'Readiness', axes: [{ id: 'a', label: 'Governance' }], series: [{ name: 'Porto', values: [0.7] }], width: 320 }).svg;

describe('charts without the native rasteriser', () => {
  it('loads, draws no PNG and says why, instead of crashing whatever imports it', () => {
    const chartPng = createRequire(bundle)(bundle) as typeof ChartPng;
    expect(chartPng.svgToPng(svg, { templatesDir, width: 320 })).toBeUndefined();
    expect(chartPng.rasteriserProblem()).toMatch(new RegExp(`no binary for ${process.platform}-${process.arch}.*Install TrustBridge built on and for this platform`));
  });

  it('draws the PNG where the rasteriser is installed', async () => {
    const { svgToPng, rasteriserProblem } = await import('../../../../electron/export/chart-png');
    expect(rasteriserProblem()).toBeUndefined();
    expect(svgToPng(svg, { templatesDir, width: 320 })!.subarray(1, 4).toString()).toBe('PNG');
  });
});
